package io.tidewater.service.ledger;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A service's ledger, once it declares a {@link LedgerDatabase}: the pooled data source migrated by Flyway, a
 * {@link JdbcClient} (and a {@link NamedParameterJdbcTemplate}) on it, and its transactions. Wired here rather than by
 * Boot's JDBC auto-configuration: in the local stack every service shares one classpath, and each has a database of
 * its own or none.
 */
@AutoConfiguration
@ConditionalOnBean(LedgerDatabase.class)
public class LedgerAutoConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource ledgerDataSource(LedgerDatabase ledger) {
        LedgerProperties properties = ledger.properties();
        return LedgerDataSources.open(
                ledger.service(),
                properties.url(),
                properties.username(),
                properties.password(),
                properties.maximumPoolSize());
    }

    @Bean
    JdbcClient ledgerJdbcClient(DataSource ledgerDataSource) {
        return JdbcClient.create(ledgerDataSource);
    }

    @Bean
    NamedParameterJdbcTemplate ledgerJdbc(DataSource ledgerDataSource) {
        return new NamedParameterJdbcTemplate(ledgerDataSource);
    }

    @Bean
    DataSourceTransactionManager ledgerTransactionManager(DataSource ledgerDataSource) {
        return new DataSourceTransactionManager(ledgerDataSource);
    }

    @Bean
    TransactionTemplate ledgerTransactions(PlatformTransactionManager ledgerTransactionManager) {
        return new TransactionTemplate(ledgerTransactionManager);
    }
}
