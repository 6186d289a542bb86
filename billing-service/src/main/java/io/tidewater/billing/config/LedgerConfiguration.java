package io.tidewater.billing.config;

import com.zaxxer.hikari.HikariDataSource;
import io.tidewater.service.ledger.LedgerDataSources;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The period ledger's database, wired here rather than by Boot's JDBC auto-configuration: in the local stack every
 * service shares one classpath, and the others have no database or their own.
 */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource billingLedgerDataSource(BillingProperties properties) {
        BillingProperties.Ledger ledger = properties.ledger();
        return LedgerDataSources.open(
                "billing-service", ledger.url(), ledger.username(), ledger.password(), ledger.maximumPoolSize());
    }

    @Bean
    Clock billingClock() {
        return Clock.systemUTC();
    }

    @Bean
    JdbcClient billingLedgerJdbcClient(DataSource billingLedgerDataSource) {
        return JdbcClient.create(billingLedgerDataSource);
    }

    @Bean
    TransactionTemplate billingLedgerTransactions(DataSource billingLedgerDataSource) {
        return new TransactionTemplate(new DataSourceTransactionManager(billingLedgerDataSource));
    }
}
