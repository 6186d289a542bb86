package io.tidewater.loader.maintenance;

import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.loader.catalog.Catalogs;
import io.tidewater.loader.config.LoaderProperties;
import io.tidewater.loader.maintenance.MaintenanceRun.Compaction;
import io.tidewater.loader.maintenance.MaintenanceRun.DeliveryExpiry;
import io.tidewater.loader.maintenance.MaintenanceRun.ManifestRewrite;
import io.tidewater.loader.maintenance.MaintenanceRun.OrphanRemoval;
import io.tidewater.loader.maintenance.MaintenanceRun.Outcome;
import io.tidewater.loader.maintenance.MaintenanceRun.SnapshotExpiry;
import io.tidewater.loader.maintenance.MaintenanceRun.StepOutcome;
import io.tidewater.loader.maintenance.MaintenanceRun.TableFigures;
import io.tidewater.service.metrics.PipelineMeters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.relocated.com.google.common.collect.Iterables;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Maintains one table with Iceberg's Spark actions, step by step: expire snapshots, compact data files, rewrite
 * manifests, remove orphan files. Each step takes the table from {@link TableLocks} anew and only when no load holds
 * it; a dry run takes nothing and changes nothing, and answers from the same planners the actions use.
 */
@Component
public class TableMaintenance {

    private static final Logger log = LoggerFactory.getLogger(TableMaintenance.class);

    private final SparkSession spark;
    private final Catalogs catalogs;
    private final TableLocks locks;
    private final MaintenanceProperties properties;
    private final Map<String, Map<String, String>> catalogProperties;
    private final PipelineMeters meters;
    private final MaintenanceHistory history;
    private final Clock clock = Clock.systemUTC();

    TableMaintenance(
            SparkSession spark,
            Catalogs catalogs,
            TableLocks locks,
            MaintenanceProperties properties,
            LoaderProperties loaderProperties,
            MeterRegistry meters,
            MaintenanceHistory history) {
        this.spark = spark;
        this.catalogs = catalogs;
        this.locks = locks;
        this.properties = properties;
        this.catalogProperties = loaderProperties.allCatalogs();
        this.meters = new PipelineMeters(meters);
        this.history = history;
    }

    /**
     * Maintains the table by its policy, or with {@code dryRun} tells what that would do.
     *
     * @throws org.apache.iceberg.exceptions.NoSuchTableException when the catalog has no such table
     */
    public MaintenanceRun maintain(String catalog, String table, boolean dryRun) {
        String catalogName = catalogs.nameOrPrimary(catalog);
        TableIdentifier identifier = TableIdentifier.parse(table);
        Table loaded = catalogs.catalog(catalogName).loadTable(identifier);
        MaintenanceRun run = new Steps(catalogName, identifier.toString(), loaded, dryRun).run();
        history.record(run);
        if (!dryRun) {
            meters.maintenance(
                    run.table(),
                    run.outcome().name(),
                    run.duration(),
                    run.snapshots().expired(),
                    run.compaction().rewrittenFiles(),
                    run.compaction().addedFiles(),
                    run.compaction().rewrittenBytes(),
                    run.orphans().removed());
        }
        return run;
    }

    /** Whether the catalog maintains its tables itself: Amazon S3 Tables compacts and expires on its own. */
    boolean maintainsItself(String catalog) {
        Map<String, String> configured = catalogProperties.getOrDefault(catalog, Map.of());
        return configured.getOrDefault("warehouse", "").startsWith("arn:aws:s3tables:")
                || "s3tables".equals(configured.get("rest.signing-name"))
                || configured.getOrDefault("catalog-impl", "").endsWith("S3TablesCatalog");
    }

    /** One run's steps in order, each recorded as it ends. */
    private final class Steps {

        private final String catalog;
        private final String name;
        private final Table table;
        private final boolean dryRun;
        private final MaintenancePolicy policy;
        private final Instant started;
        private final long startedNanos = System.nanoTime();
        private final TableUpkeep upkeep;

        private DeliveryExpiry deliveries = DeliveryExpiry.notRun(StepOutcome.NOT_RUN);
        private SnapshotExpiry snapshots = SnapshotExpiry.notRun(StepOutcome.NOT_RUN);
        private Compaction compaction = Compaction.notRun(StepOutcome.NOT_RUN);
        private ManifestRewrite manifests = ManifestRewrite.notRun(StepOutcome.NOT_RUN);
        private OrphanRemoval orphans = OrphanRemoval.notRun(StepOutcome.NOT_RUN);
        private boolean busy;

        Steps(String catalog, String name, Table table, boolean dryRun) {
            this.catalog = catalog;
            this.name = name;
            this.table = table;
            this.dryRun = dryRun;
            this.policy = properties.policyOf(name);
            this.started = clock.instant();
            this.upkeep = new TableUpkeep(spark, catalog, name, table, policy, dryRun, clock);
        }

        MaintenanceRun run() {
            TableFigures before = figures(table);
            if (maintainsItself(catalog) && !properties.selfMaintainedCatalogs()) {
                return ended(
                        before, Outcome.SELF_MAINTAINED, "catalog %s maintains its tables itself".formatted(catalog));
            }
            try {
                if (policy.retention() != null) {
                    Optional<DeliveryExpiry> retained = step("expire deliveries", upkeep::expireDeliveries);
                    if (retained.isEmpty()) {
                        return ended(before, Outcome.BUSY, "a load of %s is running".formatted(name));
                    }
                    deliveries = retained.get();
                } else {
                    deliveries = DeliveryExpiry.notRun(StepOutcome.DISABLED);
                }
                Optional<SnapshotExpiry> expired = step("expire snapshots", upkeep::expireSnapshots);
                if (expired.isEmpty()) {
                    return ended(before, Outcome.BUSY, "a load of %s is running".formatted(name));
                }
                snapshots = expired.get();
                if (policy.compact()) {
                    compaction = step("compact data files", upkeep::compact).orElse(compaction);
                } else {
                    compaction = Compaction.notRun(StepOutcome.DISABLED);
                }
                if (policy.rewriteManifests()) {
                    manifests =
                            step("rewrite manifests", upkeep::rewriteManifests).orElse(manifests);
                } else {
                    manifests = ManifestRewrite.notRun(StepOutcome.DISABLED);
                }
                orphans = step("remove orphan files", upkeep::removeOrphans).orElse(orphans);
            } catch (RuntimeException failed) {
                log.warn("Maintenance of {} failed: {}", name, failed.getMessage(), failed);
                return ended(before, Outcome.FAILED, "Cannot maintain %s: %s".formatted(name, failed.getMessage()));
            }
            return busy
                    ? ended(before, Outcome.PARTIAL, "a load of %s took the table between steps".formatted(name))
                    : ended(before, Outcome.COMPLETED, null);
        }

        /** Runs a step under the table's lock; empty when a load holds the table (then no later step runs either). */
        private <T> Optional<T> step(String what, Supplier<T> work) {
            if (busy) {
                return Optional.empty();
            }
            if (dryRun) {
                return Optional.of(work.get());
            }
            Optional<TableLocks.Lease> lease = locks.maintaining(name);
            if (lease.isEmpty()) {
                busy = true;
                log.info("Maintenance of {} stops before '{}': a load of the table is running", name, what);
                return Optional.empty();
            }
            try (TableLocks.Lease held = lease.get()) {
                long stepStarted = System.nanoTime();
                table.refresh();
                T result = work.get();
                log.info(
                        "Maintenance of {}: {} in {} ms: {}",
                        name,
                        what,
                        Duration.ofNanos(System.nanoTime() - stepStarted).toMillis(),
                        result);
                return Optional.of(result);
            }
        }

        private MaintenanceRun ended(TableFigures before, Outcome outcome, String detail) {
            table.refresh();
            return new MaintenanceRun(
                    catalog,
                    name,
                    dryRun,
                    started,
                    Duration.ofNanos(System.nanoTime() - startedNanos),
                    outcome,
                    before,
                    figures(table),
                    deliveries,
                    snapshots,
                    compaction,
                    manifests,
                    orphans,
                    detail);
        }
    }

    static TableFigures figures(Table table) {
        int snapshots = Iterables.size(table.snapshots());
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return new TableFigures(snapshots, 0, 0, 0);
        }
        Map<String, String> summary = current.summary();
        return new TableFigures(
                snapshots,
                PropertyUtil.propertyAsLong(summary, SnapshotSummary.TOTAL_DATA_FILES_PROP, 0),
                PropertyUtil.propertyAsLong(summary, SnapshotSummary.TOTAL_FILE_SIZE_PROP, 0),
                current.allManifests(table.io()).size());
    }
}
