package io.tidewater.inventory.config;

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

/**
 * The report ledger's database, wired here rather than by Boot's JDBC auto-configuration: in the local stack every
 * service shares one classpath, and some have no database to configure.
 */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    static final String MIGRATIONS = "classpath:db/inventory-service";

    @Bean(destroyMethod = "close")
    HikariDataSource inventoryLedgerDataSource(InventoryProperties properties) {
        InventoryProperties.Ledger ledger = properties.ledger();
        HikariConfig config = new HikariConfig();
        config.setPoolName("inventory-service-ledger");
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
                .table("inventory_service_schema_history")
                .load()
                .migrate();
        return dataSource;
    }

    @Bean
    Clock inventoryClock() {
        return Clock.systemUTC();
    }

    @Bean
    JdbcClient inventoryLedgerJdbcClient(DataSource inventoryLedgerDataSource) {
        return JdbcClient.create(inventoryLedgerDataSource);
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
