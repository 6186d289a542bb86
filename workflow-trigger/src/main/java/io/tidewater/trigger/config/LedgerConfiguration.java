package io.tidewater.trigger.config;

import io.tidewater.service.ledger.LedgerDatabase;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The run ledger, opened, migrated and wired by the stage kit. Its SQLite database keeps a write-ahead log synced at
 * every commit: the trigger acknowledges events once their runs are committed, so a commit must survive a crash of the
 * machine, not only of the process.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LedgerConfiguration {

    @Bean
    LedgerDatabase triggerLedger(TriggerProperties properties) {
        return new LedgerDatabase("workflow-trigger", properties.ledger().withDurableWriteAheadLog());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
