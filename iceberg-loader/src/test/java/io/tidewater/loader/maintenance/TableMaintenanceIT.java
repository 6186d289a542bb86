package io.tidewater.loader.maintenance;

import static io.tidewater.loader.load.LocalLoader.column;
import static io.tidewater.loader.load.LocalLoader.csvJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.contract.ConstantColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.SourceFile;
import io.tidewater.contract.WriteMode;
import io.tidewater.loader.catalog.Catalogs;
import io.tidewater.loader.load.LocalLoader;
import io.tidewater.loader.maintenance.MaintenanceRun.Outcome;
import io.tidewater.loader.maintenance.MaintenanceRun.StepOutcome;
import io.tidewater.service.metrics.PipelineMeters;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;

/**
 * Maintenance on tables loaded by the real job runner on a local Spark session and a SQLite JDBC catalog: what it
 * expires, compacts and removes, that no row is lost or changed, and that a dry run or a running load changes nothing.
 */
class TableMaintenanceIT {

    private static final int SNAPSHOTS_KEPT = 3;

    private final LocalLoader loader = LocalLoader.get();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TableLocks locks = new TableLocks();
    private final TableMaintenance maintenance = new TableMaintenance(
            loader.spark,
            new Catalogs(loader.spark, loader.properties),
            locks,
            properties(),
            loader.properties,
            meters,
            new MaintenanceHistory());

    /** Every age at zero, so that the test's own loads are old enough; orphans only once a minute old. */
    private static MaintenanceProperties properties() {
        return new MaintenanceProperties(
                true,
                Duration.ofMinutes(15),
                Duration.ZERO,
                false,
                policy(null),
                Map.of(
                        RETAINED,
                        policy(new DeliveryRetention(
                                "inventory_date", List.of("bucket", "inventory_configuration"), 3, null))));
    }

    private static MaintenancePolicy policy(DeliveryRetention retention) {
        return new MaintenancePolicy(
                Duration.ofDays(1),
                SNAPSHOTS_KEPT,
                Duration.ZERO,
                Duration.ZERO,
                true,
                0,
                2,
                true,
                Duration.ofMinutes(1),
                retention);
    }

    private static final String RETAINED = "maintained.retained";

    @Test
    void tenInventoryDeliveriesAreCompactedAndExpiredToThePolicyWithEveryRowKept() throws IOException {
        String table = "maintained.inventory";
        List<LoadJob> deliveries = new ArrayList<>();
        for (int day = 1; day <= 10; day++) {
            LoadJob delivery = inventoryJob(table, day);
            loader.runner.run(delivery);
            deliveries.add(delivery);
        }
        Rows loaded = rows(table);
        List<Long> newestLoads = newestSnapshotIds(loader.table(table), SNAPSHOTS_KEPT);
        Path orphan = killedLoadLeftover(loader.table(table));

        MaintenanceRun run = maintenance.maintain(null, table, false);

        assertThat(run.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(run.before().snapshots()).isEqualTo(10);
        assertThat(run.snapshots().expired()).isEqualTo(10 - SNAPSHOTS_KEPT);
        assertThat(run.before().dataFiles()).isEqualTo(10);
        assertThat(run.compaction().rewrittenFiles()).isEqualTo(10);
        assertThat(run.after().dataFiles()).isEqualTo(1);
        assertThat(dataFiles(loader.table(table))).hasSize(1);
        assertThat(run.orphans().removed()).isEqualTo(1);
        assertThat(run.orphans().locations())
                .singleElement()
                .asString()
                .endsWith(orphan.getFileName().toString());
        assertThat(orphan).doesNotExist();
        assertThat(rows(table)).as("no row lost or changed").isEqualTo(loaded);
        Table maintained = loader.table(table);
        assertThat(snapshotIds(maintained)).containsAll(newestLoads);
        assertThat(run.after().snapshots())
                .as("the kept loads, and the compaction's and the manifest rewrite's own commits")
                .isLessThanOrEqualTo(SNAPSHOTS_KEPT + 2);
        assertThat(loader.runner.run(deliveries.get(9)).alreadyLoaded())
                .as("a load whose snapshot is kept is still known when its job comes again")
                .isTrue();
        assertThat(meters.get(PipelineMeters.MAINTENANCE_FILES_REWRITTEN)
                        .tag(PipelineMeters.TABLE, table)
                        .counter()
                        .count())
                .isEqualTo(10);
        assertThat(meters.get(PipelineMeters.MAINTENANCE_SNAPSHOTS_EXPIRED)
                        .tag(PipelineMeters.TABLE, table)
                        .counter()
                        .count())
                .isEqualTo(10 - SNAPSHOTS_KEPT);
    }

    @Test
    void aBillingPeriodLoadedFiveTimesIsCompactedWithinEachPeriodAndReportAndARefusedLoadIsExpired() throws Exception {
        String table = "maintained.billing";
        loader.runner.run(billingJob(table, "may-a-1", "2024-05", "payer-a", 3));
        loader.runner.run(billingJob(table, "may-b-1", "2024-05", "payer-b", 3));
        loader.runner.run(billingJob(table, "april-a-1", "2024-04", "payer-a", 4));
        loader.runner.run(billingJob(table, "may-a-2", "2024-05", "payer-a", 5));
        loader.runner.run(billingJob(table, "may-a-3", "2024-05", "payer-a", 6));
        LoadJob damaged = billingJob(table, "may-a-4", "2024-05", "payer-a", 7);
        LoadJob refused = damaged.withFiles(damaged.files().stream()
                .map(file -> new SourceFile(file.uri(), file.size(), "00000000000000000000000000000000"))
                .toList());
        assertThatThrownBy(() -> loader.runner.run(refused)).hasMessageContaining("nothing was");
        Rows loaded = rows(table);
        int filesBefore = dataFiles(loader.table(table)).size();

        MaintenanceRun run = maintenance.maintain(null, table, false);

        assertThat(run.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(run.snapshots().staged())
                .as("each replacing load's staged snapshot, published by an overwrite commit of its own, and the"
                        + " refused load's")
                .isEqualTo(6);
        assertThat(run.snapshots().expired())
                .as("the staged snapshots, and the published ones beyond the newest kept")
                .isEqualTo(6 + 5 - SNAPSHOTS_KEPT);
        assertThat(filesBefore).as("several files per partition").isGreaterThan(3);
        assertThat(run.compaction().rewrittenFiles()).isEqualTo(filesBefore);
        List<DataFile> compacted = dataFiles(loader.table(table));
        assertThat(compacted)
                .as("one file per (billing_period, report): never across a period or a report")
                .hasSize(3)
                .extracting(file -> file.partition().get(0, String.class) + "/"
                        + file.partition().get(1, String.class))
                .containsExactlyInAnyOrder("2024-05/payer-a", "2024-05/payer-b", "2024-04/payer-a");
        assertThat(rows(table)).as("no row lost or changed").isEqualTo(loaded);
        assertThat(loaded.count()).isEqualTo(6 + 3 + 4);
    }

    @Test
    void retentionKeepsTheLastThreeDeliveriesOfEachBucketAndConfigurationAndDeletesWholeFilesOnly() {
        String table = RETAINED;
        for (int day = 1; day <= 5; day++) {
            loader.runner.run(deliveryJob(table, "bucket-a", "config-1", day));
        }
        loader.runner.run(deliveryJob(table, "bucket-a", "config-2", 1));
        loader.runner.run(deliveryJob(table, "bucket-a", "config-2", 2));
        loader.runner.run(deliveryJob(table, "bucket-b", "config-1", 4));
        loader.runner.run(deliveryJob(table, "bucket-b", "config-1", 5));
        List<String> expired = List.of("bucket-a/config-1/2026-11-01", "bucket-a/config-1/2026-11-02");

        MaintenanceRun dryRun = maintenance.maintain(null, table, true);

        assertThat(dryRun.outcome()).as(dryRun.detail()).isEqualTo(Outcome.COMPLETED);
        assertThat(dryRun.deliveries().deliveries()).isEqualTo(expired);
        assertThat(deliveries(table)).hasSize(9);

        MaintenanceRun run = maintenance.maintain(null, table, false);

        assertThat(run.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(run.deliveries().deliveries()).isEqualTo(expired);
        assertThat(run.deliveries().records()).isEqualTo(2 * 5);
        assertThat(deliveries(table))
                .containsExactlyInAnyOrder(
                        "bucket-a/config-1/2026-11-03",
                        "bucket-a/config-1/2026-11-04",
                        "bucket-a/config-1/2026-11-05",
                        "bucket-a/config-2/2026-11-01",
                        "bucket-a/config-2/2026-11-02",
                        "bucket-b/config-1/2026-11-04",
                        "bucket-b/config-1/2026-11-05");
        Snapshot delete = StreamSupport.stream(loader.table(table).snapshots().spliterator(), false)
                .filter(snapshot -> "delete".equals(snapshot.operation()))
                .findFirst()
                .orElseThrow();
        assertThat(delete.summary())
                .as("whole files deleted, none rewritten")
                .containsEntry(
                        "deleted-data-files", String.valueOf(run.deliveries().dataFiles()))
                .doesNotContainKey("added-data-files");
    }

    /** One inventory delivery: five objects of a bucket, for a configuration, on a day of November 2026. */
    private LoadJob deliveryJob(String table, String bucket, String configuration, int day) {
        List<String> lines = new ArrayList<>(List.of("bucket,key,size"));
        for (int object = 0; object < 5; object++) {
            lines.add("%s,%s/day-%d/object-%d,%d".formatted(bucket, configuration, day, object, object));
        }
        String date = "2026-11-%02d".formatted(day);
        return csvJob(
                        table,
                        table + "/" + bucket + "/" + configuration + "/" + date,
                        "addNewColumns",
                        List.of(column("bucket", "string"), column("key", "string"), column("size", "long")),
                        loader.csv(
                                table + "/" + bucket + "-" + configuration + "-" + date + ".csv",
                                lines.toArray(String[]::new)))
                .withConstantColumnsAndPartitioning(
                        List.of(
                                new ConstantColumn("inventory_date", "date", date),
                                new ConstantColumn("inventory_configuration", "string", configuration)),
                        List.of("bucket", "inventory_date"));
    }

    private List<String> deliveries(String table) {
        return loader
                .spark
                .sql(("SELECT DISTINCT concat_ws('/', bucket, inventory_configuration, CAST(inventory_date AS STRING))"
                                + " FROM tidewater.%s")
                        .formatted(table))
                .collectAsList()
                .stream()
                .map(row -> row.getString(0))
                .toList();
    }

    @Test
    void aDryRunListsWhatItWouldDoAndChangesNothing() throws IOException {
        String table = "maintained.dry_run";
        for (int day = 1; day <= 4; day++) {
            loader.runner.run(inventoryJob(table, day));
        }
        Path orphan = killedLoadLeftover(loader.table(table));
        Table before = loader.table(table);
        long snapshotBefore = before.currentSnapshot().snapshotId();
        List<Long> snapshotsBefore = snapshotIds(before);

        MaintenanceRun dryRun = maintenance.maintain(null, table, true);

        assertThat(dryRun.dryRun()).isTrue();
        assertThat(dryRun.snapshots().outcome()).isEqualTo(StepOutcome.PLANNED);
        assertThat(dryRun.snapshots().expired()).isEqualTo(4 - SNAPSHOTS_KEPT);
        assertThat(dryRun.compaction().rewrittenFiles()).isEqualTo(4);
        assertThat(dryRun.orphans().removed()).isEqualTo(1);
        Table after = loader.table(table);
        assertThat(after.currentSnapshot().snapshotId()).isEqualTo(snapshotBefore);
        assertThat(snapshotIds(after)).isEqualTo(snapshotsBefore);
        assertThat(dataFiles(after)).hasSize(4);
        assertThat(orphan).exists();
        assertThat(meters.find(PipelineMeters.MAINTENANCE_DURATION).timers())
                .as("a dry run is no maintenance")
                .isEmpty();
    }

    @Test
    void maintenanceLeavesATableAloneWhileALoadOfItRuns() {
        String table = "maintained.busy";
        for (int day = 1; day <= 4; day++) {
            loader.runner.run(inventoryJob(table, day));
        }
        List<Long> snapshotsBefore = snapshotIds(loader.table(table));

        MaintenanceRun run;
        try (TableLocks.Lease load = locks.loading(List.of(table))) {
            run = maintenance.maintain(null, table, false);
        }

        assertThat(run.outcome()).isEqualTo(Outcome.BUSY);
        assertThat(run.detail()).isEqualTo("a load of maintained.busy is running");
        assertThat(snapshotIds(loader.table(table))).isEqualTo(snapshotsBefore);
        assertThat(maintenance.maintain(null, table, false).outcome())
                .as("once the load is done")
                .isEqualTo(Outcome.COMPLETED);
    }

    private LoadJob inventoryJob(String table, int day) {
        List<String> lines = new ArrayList<>(List.of("bucket,key,size"));
        for (int object = 0; object < 5; object++) {
            lines.add("bucket-a,day-%d/object-%d,%d".formatted(day, object, day * 100 + object));
        }
        return csvJob(
                table,
                table + "/day-" + day,
                "addNewColumns",
                List.of(column("bucket", "string"), column("key", "string"), column("size", "long")),
                loader.csv(table + "/day-" + day + ".csv", lines.toArray(String[]::new)));
    }

    /** A report's restatement of a month, in three files, replacing the report's earlier rows of the month. */
    private LoadJob billingJob(String table, String key, String period, String report, int rowCount) {
        Path[] files = new Path[3];
        for (int part = 0; part < files.length; part++) {
            List<String> lines = new ArrayList<>(List.of("id,cost"));
            for (int row = part; row < rowCount; row += files.length) {
                lines.add(row + "," + (row + 0.25));
            }
            files[part] = loader.csv(table + "/" + key + "-" + part + ".csv", lines.toArray(String[]::new));
        }
        return csvJob(
                        table,
                        table + "/" + key,
                        "addNewColumns",
                        List.of(column("id", "long"), column("cost", "double")),
                        files)
                .withConstantColumnsAndPartitioning(
                        List.of(
                                new ConstantColumn("billing_period", "string", period),
                                new ConstantColumn("report", "string", report)),
                        List.of("billing_period", "report"))
                .withWriteMode(new WriteMode.Replace("billing_period", period, new WriteMode.Owner("report", report)));
    }

    /** A data file a killed load wrote and never committed: in the table's data folder, referenced by nothing. */
    private static Path killedLoadLeftover(Table table) throws IOException {
        Path written = Path.of(URI.create(dataFiles(table).get(0).location()));
        Path leftover = written.resolveSibling("00000-0-killed-load-00001.parquet");
        Files.copy(written, leftover);
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        return leftover;
    }

    /** The count and sums of a table's rows: what maintenance must leave as it found. */
    private record Rows(long count, String sums) {}

    private Rows rows(String table) {
        String query = "SELECT count(*), CAST(sum(hash(*)) AS STRING) FROM tidewater." + table;
        var row = loader.spark.sql(query).first();
        return new Rows(row.getLong(0), row.getString(1));
    }

    private static List<DataFile> dataFiles(Table table) {
        table.refresh();
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            tasks.forEach(task -> files.add(task.file()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return files;
    }

    private static List<Long> snapshotIds(Table table) {
        table.refresh();
        return StreamSupport.stream(table.snapshots().spliterator(), false)
                .map(Snapshot::snapshotId)
                .toList();
    }

    private static List<Long> newestSnapshotIds(Table table, int count) {
        List<Long> ids = snapshotIds(table);
        return ids.subList(ids.size() - count, ids.size());
    }
}
