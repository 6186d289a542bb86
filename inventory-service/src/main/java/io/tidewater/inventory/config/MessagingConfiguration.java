package io.tidewater.inventory.config;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.service.messaging.LoadJobsClient;
import io.tidewater.service.messaging.RunUpdatesClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where this service's load jobs and run updates go, through the stage kit's clients. */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    @Bean
    RunUpdatesClient inventoryRunUpdates(SqsTemplate sqs, InventoryProperties properties, Clock inventoryClock) {
        return new RunUpdatesClient(sqs, properties.runUpdatesQueue(), inventoryClock);
    }

    @Bean
    LoadJobsClient inventoryLoadJobs(SqsTemplate sqs, InventoryProperties properties) {
        return new LoadJobsClient(sqs, properties.loadJobsQueue());
    }
}
