package io.tidewater.loader.maintenance;

import io.tidewater.loader.catalog.Catalogs;
import java.time.Clock;
import java.time.Instant;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Maintains every table of the primary catalog (the one loads write) whose policy says it is due. Further catalogs are
 * maintained on request only. A table that a load holds is tried again at the next check.
 */
@Component
@ConditionalOnProperty(name = "tidewater.loader.maintenance.enabled", havingValue = "true", matchIfMissing = true)
class MaintenanceSchedule {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceSchedule.class);

    private final Catalogs catalogs;
    private final TableMaintenance maintenance;
    private final MaintenanceHistory history;
    private final MaintenanceProperties properties;
    private final Clock clock = Clock.systemUTC();

    MaintenanceSchedule(
            Catalogs catalogs,
            TableMaintenance maintenance,
            MaintenanceHistory history,
            MaintenanceProperties properties) {
        this.catalogs = catalogs;
        this.maintenance = maintenance;
        this.history = history;
        this.properties = properties;
    }

    @Scheduled(
            fixedDelayString = "${tidewater.loader.maintenance.check-every:PT15M}",
            initialDelayString = "${tidewater.loader.maintenance.check-every:PT15M}")
    void maintainDueTables() {
        String primary = catalogs.primary();
        if (maintenance.maintainsItself(primary) && !properties.selfMaintainedCatalogs()) {
            return;
        }
        Catalog catalog = catalogs.catalog(primary);
        if (!(catalog instanceof SupportsNamespaces namespaces)) {
            return;
        }
        for (Namespace namespace : namespaces.listNamespaces()) {
            for (TableIdentifier table : catalog.listTables(namespace)) {
                if (isDue(primary, table.toString())) {
                    maintainQuietly(primary, table.toString());
                }
            }
        }
    }

    private boolean isDue(String catalog, String table) {
        Instant now = clock.instant();
        return history.lastDone(catalog, table)
                .map(run -> !run.startedAt()
                        .plus(properties.policyOf(table).every())
                        .isAfter(now))
                .orElse(true);
    }

    private void maintainQuietly(String catalog, String table) {
        try {
            MaintenanceRun run = maintenance.maintain(catalog, table, false);
            log.info(
                    "Maintained {}: {} in {} ms, data files {} -> {}, snapshots {} -> {}",
                    table,
                    run.outcome(),
                    run.duration().toMillis(),
                    run.before().dataFiles(),
                    run.after().dataFiles(),
                    run.before().snapshots(),
                    run.after().snapshots());
        } catch (RuntimeException e) {
            // One table's trouble must not keep the others from their upkeep.
            log.warn("Cannot maintain {}: {}", table, e.getMessage(), e);
        }
    }
}
