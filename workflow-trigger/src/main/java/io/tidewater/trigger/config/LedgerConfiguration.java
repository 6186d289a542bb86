package io.tidewater.trigger.config;

import com.zaxxer.hikari.HikariDataSource;
import io.tidewater.service.ledger.LedgerDataSources;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
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
                "workflow-trigger", ledger.url(), ledger.username(), ledger.password(), ledger.maximumPoolSize());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    JdbcClient ledgerJdbcClient(DataSource ledgerDataSource) {
        return JdbcClient.create(ledgerDataSource);
    }

    @Bean
    TransactionTemplate ledgerTransactions(DataSource ledgerDataSource) {
        return new TransactionTemplate(new DataSourceTransactionManager(ledgerDataSource));
    }
}
