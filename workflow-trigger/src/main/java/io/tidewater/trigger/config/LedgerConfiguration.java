package io.tidewater.trigger.config;

import com.zaxxer.hikari.HikariDataSource;
import io.tidewater.service.ledger.LedgerDataSources;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The run ledger's database, wired here rather than by Boot's JDBC auto-configuration: in the local stack every
 * service shares one classpath, and the others have no database to configure.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class LedgerConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource ledgerDataSource(TriggerProperties properties) {
        TriggerProperties.Ledger ledger = properties.ledger();
        return LedgerDataSources.open(
                "workflow-trigger",
                withDurableWriteAheadLog(ledger.url()),
                ledger.username(),
                ledger.password(),
                ledger.maximumPoolSize());
    }

    /**
     * SQLite's write-ahead log, synced at every commit, unless the URL chooses otherwise. The default rollback journal
     * syncs at least twice per commit (journal, then database) and creates and deletes the journal each time; the
     * write-ahead log appends and syncs once. {@code synchronous=NORMAL} would sync only at checkpoints: it survives
     * a crash of the process but not of the machine, which could lose commits whose messages were already
     * acknowledged, so the trigger keeps {@code FULL}.
     */
    static String withDurableWriteAheadLog(String url) {
        if (!url.startsWith("jdbc:sqlite:")) {
            return url;
        }
        String durable = url;
        if (!url.contains("journal_mode=")) {
            durable += (durable.contains("?") ? "&" : "?") + "journal_mode=WAL";
        }
        if (!url.contains("synchronous=")) {
            durable += (durable.contains("?") ? "&" : "?") + "synchronous=FULL";
        }
        return durable;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    NamedParameterJdbcTemplate ledgerJdbc(DataSource ledgerDataSource) {
        return new NamedParameterJdbcTemplate(ledgerDataSource);
    }

    @Bean
    TransactionTemplate ledgerTransactions(DataSource ledgerDataSource) {
        return new TransactionTemplate(new DataSourceTransactionManager(ledgerDataSource));
    }
}
