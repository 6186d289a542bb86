package io.tidewater.billing.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
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

    static final String MIGRATIONS = "classpath:db/billing-service";

    @Bean(destroyMethod = "close")
    HikariDataSource billingLedgerDataSource(BillingProperties properties) {
        BillingProperties.Ledger ledger = properties.ledger();
        HikariConfig config = new HikariConfig();
        config.setPoolName("billing-service-ledger");
        config.setJdbcUrl(ledger.url());
        config.setUsername(ledger.username());
        config.setPassword(ledger.password());
        if (ledger.url().startsWith("jdbc:sqlite:")) {
            createParentDirectory(
                    ledger.url().substring("jdbc:sqlite:".length()).split("\\?")[0]);
            // SQLite takes one writer at a time; one connection turns "database is locked" into waiting.
            config.setMaximumPoolSize(1);
            config.setConnectionInitSql("PRAGMA busy_timeout = 10000");
        } else {
            config.setMaximumPoolSize(ledger.maximumPoolSize());
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .table("billing_service_schema_history")
                .load()
                .migrate();
        return dataSource;
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

    private static void createParentDirectory(String file) {
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the ledger's directory " + parent + ": " + e.getMessage(), e);
        }
    }
}
