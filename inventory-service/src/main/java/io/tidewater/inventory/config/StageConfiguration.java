package io.tidewater.inventory.config;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.service.ledger.LedgerDatabase;
import io.tidewater.service.messaging.LoadJobsClient;
import io.tidewater.service.messaging.RunUpdatesClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How this service plugs into the stage kit: its ledger (opened, migrated and wired by the kit), its clock, and where
 * its load jobs and run updates go.
 */
@Configuration(proxyBeanMethods = false)
class StageConfiguration {

    @Bean
    LedgerDatabase inventoryLedger(InventoryProperties properties) {
        return new LedgerDatabase("inventory-service", properties.ledger());
    }

    @Bean
    Clock inventoryClock() {
        return Clock.systemUTC();
    }

    @Bean
    RunUpdatesClient inventoryRunUpdates(SqsTemplate sqs, InventoryProperties properties, Clock inventoryClock) {
        return new RunUpdatesClient(sqs, properties.runUpdatesQueue(), inventoryClock);
    }

    @Bean
    LoadJobsClient inventoryLoadJobs(SqsTemplate sqs, InventoryProperties properties) {
        return new LoadJobsClient(sqs, properties.loadJobsQueue());
    }
}
