package io.tidewater.service.stage;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.service.ledger.LedgerAutoConfiguration;
import io.tidewater.service.ledger.LedgerDatabase;
import io.tidewater.service.messaging.LoadJobsClient;
import io.tidewater.service.messaging.RunUpdatesClient;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * What a domain service's {@link DomainStage} plugs in: its ledger database (opened by the ledger auto-configuration,
 * hence before it), a UTC clock unless the service has its own, and its run-updates and load-jobs clients.
 */
@AutoConfiguration(
        before = LedgerAutoConfiguration.class,
        afterName = "io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration")
@ConditionalOnClass(SqsTemplate.class)
@ConditionalOnBean(DomainStage.class)
public class StageAutoConfiguration {

    @Bean
    LedgerDatabase stageLedger(DomainStage stage) {
        return new LedgerDatabase(stage.service(), stage.ledger());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock stageClock() {
        return Clock.systemUTC();
    }

    @Bean
    RunUpdatesClient stageRunUpdates(SqsTemplate sqs, DomainStage stage, Clock clock) {
        return new RunUpdatesClient(sqs, stage.runUpdatesQueue(), clock);
    }

    @Bean
    LoadJobsClient stageLoadJobs(SqsTemplate sqs, DomainStage stage) {
        return new LoadJobsClient(sqs, stage.loadJobsQueue());
    }
}
