package io.tidewater.billing.config;

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
    RunUpdatesClient billingRunUpdates(SqsTemplate sqs, BillingProperties properties, Clock billingClock) {
        return new RunUpdatesClient(sqs, properties.runUpdatesQueue(), billingClock);
    }

    @Bean
    LoadJobsClient billingLoadJobs(SqsTemplate sqs, BillingProperties properties) {
        return new LoadJobsClient(sqs, properties.loadJobsQueue());
    }
}
