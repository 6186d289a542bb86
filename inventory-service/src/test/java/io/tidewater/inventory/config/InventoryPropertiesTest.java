package io.tidewater.inventory.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.inventory.config.InventoryProperties.DataFileChecksums;
import io.tidewater.service.ledger.LedgerProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class InventoryPropertiesTest {

    private static InventoryProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bind("tidewater.inventory", InventoryProperties.class)
                .get();
    }

    @Test
    void defaultsNeedOnlyTheQueues() {
        InventoryProperties properties = bind(Map.of(
                "tidewater.inventory.reports-queue", "reports",
                "tidewater.inventory.load-jobs-queue", "jobs",
                "tidewater.inventory.load-results-queue", "results"));

        assertThat(properties.runUpdatesQueue()).isEqualTo("tidewater-run-updates");
        assertThat(properties.table()).isEqualTo("inventory.objects");
        assertThat(properties.evolutionPolicy()).isEqualTo("addNewColumns");
        assertThat(properties.dataFileChecksums()).isEqualTo(DataFileChecksums.BEFORE_LOAD);
        assertThat(properties.crawl()).isEqualTo(new InventoryProperties.Crawl(1 << 20, 256 * 1024));
        assertThat(properties.ledger())
                .isEqualTo(new LedgerProperties("jdbc:sqlite:.tidewater/inventory-service.db", null, null, 5));
        assertThat(properties.limits())
                .isEqualTo(new InventoryProperties.Limits(DataSize.ofGigabytes(16), 200, 1 << 20, 1000));
    }

    @Test
    void everyKeyMaps() {
        InventoryProperties properties = bind(Map.ofEntries(
                Map.entry("tidewater.inventory.reports-queue", "reports"),
                Map.entry("tidewater.inventory.load-jobs-queue", "jobs"),
                Map.entry("tidewater.inventory.load-results-queue", "results"),
                Map.entry("tidewater.inventory.run-updates-queue", "updates"),
                Map.entry("tidewater.inventory.table", "lake.objects"),
                Map.entry("tidewater.inventory.evolution-policy", "strict"),
                Map.entry("tidewater.inventory.data-file-checksums", "while-loading"),
                Map.entry("tidewater.inventory.crawl.sample-bytes", "4096"),
                Map.entry("tidewater.inventory.crawl.range-bytes", "1024"),
                Map.entry("tidewater.inventory.ledger.url", "jdbc:postgresql://db/inventory"),
                Map.entry("tidewater.inventory.ledger.username", "tide"),
                Map.entry("tidewater.inventory.ledger.password", "secret"),
                Map.entry("tidewater.inventory.ledger.maximum-pool-size", "9"),
                Map.entry("tidewater.inventory.limits.max-decompressed-bytes", "2GB"),
                Map.entry("tidewater.inventory.limits.max-compression-ratio", "50"),
                Map.entry("tidewater.inventory.limits.max-line-chars", "4096"),
                Map.entry("tidewater.inventory.limits.max-columns", "64")));

        assertThat(properties)
                .isEqualTo(new InventoryProperties(
                        "reports",
                        "jobs",
                        "results",
                        "updates",
                        "lake.objects",
                        "strict",
                        DataFileChecksums.WHILE_LOADING,
                        new InventoryProperties.Crawl(4096, 1024),
                        new LedgerProperties("jdbc:postgresql://db/inventory", "tide", "secret", 9),
                        new InventoryProperties.Limits(DataSize.ofGigabytes(2), 50, 4096, 64)));
    }
}
