package io.tidewater.billing.config;

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
    LedgerDatabase billingLedger(BillingProperties properties) {
        return new LedgerDatabase("billing-service", properties.ledger());
    }

    @Bean
    Clock billingClock() {
        return Clock.systemUTC();
    }

    @Bean
    RunUpdatesClient billingRunUpdates(SqsTemplate sqs, BillingProperties properties, Clock billingClock) {
        return new RunUpdatesClient(sqs, properties.runUpdatesQueue(), billingClock);
    }

    @Bean
    LoadJobsClient billingLoadJobs(SqsTemplate sqs, BillingProperties properties) {
        return new LoadJobsClient(sqs, properties.loadJobsQueue());
    }
}
