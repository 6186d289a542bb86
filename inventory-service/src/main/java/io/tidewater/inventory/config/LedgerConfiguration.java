package io.tidewater.inventory.config;

import com.zaxxer.hikari.HikariDataSource;
import io.tidewater.service.ledger.LedgerDataSources;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The report ledger's database, wired here rather than by Boot's JDBC auto-configuration: in the local stack every
 * service shares one classpath, and some have no database to configure.
 */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource inventoryLedgerDataSource(InventoryProperties properties) {
        InventoryProperties.Ledger ledger = properties.ledger();
        return LedgerDataSources.open(
                "inventory-service", ledger.url(), ledger.username(), ledger.password(), ledger.maximumPoolSize());
    }

    @Bean
    Clock inventoryClock() {
        return Clock.systemUTC();
    }

    @Bean
    JdbcClient inventoryLedgerJdbcClient(DataSource inventoryLedgerDataSource) {
        return JdbcClient.create(inventoryLedgerDataSource);
    }
}
