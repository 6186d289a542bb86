package io.tidewater.loader.maintenance;

import io.tidewater.loader.maintenance.MaintenanceRun.Compaction;
import io.tidewater.loader.maintenance.MaintenanceRun.DeliveryExpiry;
import io.tidewater.loader.maintenance.MaintenanceRun.ManifestRewrite;
import io.tidewater.loader.maintenance.MaintenanceRun.OrphanRemoval;
import io.tidewater.loader.maintenance.MaintenanceRun.SnapshotExpiry;
import io.tidewater.loader.maintenance.MaintenanceRun.StepOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFiles;
import org.apache.iceberg.ExpireSnapshots;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.actions.BinPackRewriteFilePlanner;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.actions.FileRewritePlan;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.actions.RewriteFileGroup;
import org.apache.iceberg.actions.RewriteManifests;
import org.apache.iceberg.actions.SizeBasedFileRewritePlanner;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.apache.iceberg.relocated.com.google.common.collect.Iterables;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The maintenance steps on one table, each with Iceberg's own action, or with {@code dryRun} what the action would do
 * from the same planner, changing nothing. {@link TableMaintenance} decides when each runs and holds the table's lock
 * meanwhile.
 *
 * @param catalog the table's catalog by its Spark name
 * @param name the table, {@code namespace.name}
 */
record TableUpkeep(
        SparkSession spark,
        String catalog,
        String name,
        Table table,
        MaintenancePolicy policy,
        boolean dryRun,
        Clock clock) {

    /** The most orphan files a run lists by name; it counts them all. */
    static final int LISTED_ORPHANS = 100;

    /**
     * Deletes the data files of the deliveries retention no longer keeps, found through Spark's {@code _file}
     * metadata column: a load writes one delivery's rows to files of their own, so whole files go and none is
     * rewritten. A file that also held rows of a kept delivery would stay.
     */
    DeliveryExpiry expireDeliveries() {
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return DeliveryExpiry.notRun(dryRun ? StepOutcome.PLANNED : StepOutcome.DONE);
        }
        DeliveryRetention retention = policy.retention();
        List<String> columns = new ArrayList<>(retention.groupBy());
        columns.add(retention.dateColumn());
        columns.add("_file");
        List<Row> rows = spark.read()
                .format("iceberg")
                .option("versionAsOf", current.snapshotId())
                .load(catalog + "." + name)
                .selectExpr(columns.stream().map(column -> "`" + column + "`").toArray(String[]::new))
                .distinct()
                .collectAsList();
        int dateIndex = retention.groupBy().size();
        Map<List<String>, Set<LocalDate>> datesByGroup = new LinkedHashMap<>();
        Map<String, Set<String>> deliveriesByFile = new HashMap<>();
        for (Row row : rows) {
            List<String> group = new ArrayList<>();
            for (int index = 0; index < dateIndex; index++) {
                group.add(String.valueOf(row.get(index)));
            }
            LocalDate date = dateOf(row.get(dateIndex));
            datesByGroup.computeIfAbsent(group, key -> new HashSet<>()).add(date);
            deliveriesByFile
                    .computeIfAbsent(row.getString(dateIndex + 1), file -> new HashSet<>())
                    .add(delivery(group, date));
        }
        LocalDate today = LocalDate.now(clock);
        Set<String> expired = new TreeSet<>(
                Comparator.comparing((String delivery) -> delivery.substring(delivery.lastIndexOf('/') + 1))
                        .thenComparing(Comparator.naturalOrder()));
        datesByGroup.forEach((group, dates) ->
                retention.expired(List.copyOf(dates), today).forEach(date -> expired.add(delivery(group, date))));
        Set<String> files = new HashSet<>();
        deliveriesByFile.forEach((file, held) -> {
            if (!held.isEmpty() && expired.containsAll(held)) {
                files.add(file);
            }
        });
        List<DataFile> deleted = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks =
                table.newScan().useSnapshot(current.snapshotId()).planFiles()) {
            tasks.forEach(task -> {
                if (files.contains(task.file().location())) {
                    deleted.add(task.file());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long records = deleted.stream().mapToLong(DataFile::recordCount).sum();
        if (!dryRun && !deleted.isEmpty()) {
            DeleteFiles delete = table.newDelete();
            deleted.forEach(delete::deleteFile);
            // Only when the files are still the ones read: a commit in between makes the next run decide again.
            delete.validateFilesExist().commit();
        }
        return new DeliveryExpiry(
                dryRun ? StepOutcome.PLANNED : StepOutcome.DONE, deleted.size(), records, List.copyOf(expired));
    }

    SnapshotExpiry expireSnapshots() {
        long now = clock.millis();
        long olderThan = now - policy.snapshotAge().toMillis();
        long stagedOlderThan = now - policy.stagedSnapshotAge().toMillis();
        Set<Long> published = publishedSnapshotIds(table);
        List<Long> staged = StreamSupport.stream(table.snapshots().spliterator(), false)
                .filter(snapshot -> !published.contains(snapshot.snapshotId()))
                .filter(snapshot -> snapshot.timestampMillis() < stagedOlderThan)
                .map(Snapshot::snapshotId)
                .toList();
        // The core API's apply() lists the snapshots that would be removed without committing: the dry run's
        // answer, and the real run's check that there is anything to do at all.
        ExpireSnapshots plan =
                table.expireSnapshots().expireOlderThan(olderThan).retainLast(policy.snapshotsKept());
        staged.forEach(plan::expireSnapshotId);
        List<Snapshot> expired = plan.apply().stream()
                .sorted(Comparator.comparingLong(Snapshot::timestampMillis))
                .toList();
        int stagedExpired = (int) expired.stream()
                .filter(snapshot -> !published.contains(snapshot.snapshotId()))
                .count();
        List<Long> ids = expired.stream().map(Snapshot::snapshotId).toList();
        if (dryRun || expired.isEmpty()) {
            return new SnapshotExpiry(
                    dryRun ? StepOutcome.PLANNED : StepOutcome.DONE, expired.size(), stagedExpired, ids);
        }
        var action = SparkActions.get(spark)
                .expireSnapshots(table)
                .expireOlderThan(olderThan)
                .retainLast(policy.snapshotsKept());
        staged.forEach(action::expireSnapshotId);
        action.execute();
        table.refresh();
        return new SnapshotExpiry(StepOutcome.DONE, expired.size(), stagedExpired, ids);
    }

    Compaction compact() {
        if (table.currentSnapshot() == null) {
            return Compaction.notRun(dryRun ? StepOutcome.PLANNED : StepOutcome.DONE);
        }
        Map<String, String> options = new HashMap<>();
        options.put(SizeBasedFileRewritePlanner.MIN_INPUT_FILES, Integer.toString(policy.minInputFiles()));
        if (policy.targetFileSizeBytes() > 0) {
            options.put(
                    SizeBasedFileRewritePlanner.TARGET_FILE_SIZE_BYTES, Long.toString(policy.targetFileSizeBytes()));
        }
        if (dryRun) {
            BinPackRewriteFilePlanner planner = new BinPackRewriteFilePlanner(table);
            planner.init(options);
            FileRewritePlan<RewriteDataFiles.FileGroupInfo, ?, ?, RewriteFileGroup> plan = planner.plan();
            int groups = 0;
            int files = 0;
            long bytes = 0;
            int output = 0;
            try (CloseableIterable<RewriteFileGroup> planned = plan.groups()) {
                for (RewriteFileGroup group : planned) {
                    groups++;
                    files += group.inputFileNum();
                    bytes += group.inputFilesSizeInBytes();
                    output += group.expectedOutputFiles();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Compaction(StepOutcome.PLANNED, groups, files, bytes, output);
        }
        // Partial progress commits each partition's groups as they finish, so a failure keeps what is done.
        options.put(RewriteDataFiles.PARTIAL_PROGRESS_ENABLED, "true");
        RewriteDataFiles.Result result = SparkActions.get(spark)
                .rewriteDataFiles(table)
                .binPack()
                .options(options)
                .execute();
        return new Compaction(
                StepOutcome.DONE,
                result.rewriteResults().size(),
                result.rewrittenDataFilesCount(),
                result.rewrittenBytesCount(),
                result.addedDataFilesCount());
    }

    ManifestRewrite rewriteManifests() {
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return ManifestRewrite.notRun(dryRun ? StepOutcome.PLANNED : StepOutcome.DONE);
        }
        long target = PropertyUtil.propertyAsLong(
                table.properties(),
                TableProperties.MANIFEST_TARGET_SIZE_BYTES,
                TableProperties.MANIFEST_TARGET_SIZE_BYTES_DEFAULT);
        List<ManifestFile> small = current.dataManifests(table.io()).stream()
                .filter(manifest -> manifest.length() < target)
                .toList();
        if (small.size() < 2) {
            // One small manifest has nothing to merge with.
            return new ManifestRewrite(dryRun ? StepOutcome.PLANNED : StepOutcome.DONE, 0, 0);
        }
        if (dryRun) {
            return new ManifestRewrite(StepOutcome.PLANNED, small.size(), 1);
        }
        RewriteManifests.Result result = SparkActions.get(spark)
                .rewriteManifests(table)
                .rewriteIf(manifest -> manifest.length() < target)
                .execute();
        return new ManifestRewrite(
                StepOutcome.DONE, Iterables.size(result.rewrittenManifests()), Iterables.size(result.addedManifests()));
    }

    OrphanRemoval removeOrphans() {
        List<String> found = new ArrayList<>();
        var action = SparkActions.get(spark)
                .deleteOrphanFiles(table)
                .olderThan(clock.millis() - policy.orphanFileAge().toMillis())
                // Listing through the table's own FileIO reaches object stores without a Hadoop file system.
                .usePrefixListing(table.io() instanceof SupportsPrefixOperations);
        if (dryRun) {
            action.deleteWith(found::add);
        }
        DeleteOrphanFiles.Result result = action.execute();
        result.orphanFileLocations().forEach(location -> {
            if (!found.contains(location)) {
                found.add(location);
            }
        });
        return new OrphanRemoval(
                dryRun ? StepOutcome.PLANNED : StepOutcome.DONE,
                found.size(),
                List.copyOf(found.subList(0, Math.min(found.size(), LISTED_ORPHANS))));
    }

    private static String delivery(List<String> group, LocalDate date) {
        return String.join("/", group) + "/" + date;
    }

    /** A date column's value as Spark hands it: {@code java.sql.Date}, or {@code LocalDate} with the Java 8 API. */
    private static LocalDate dateOf(Object value) {
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        throw new IllegalArgumentException(
                "Cannot keep deliveries by date: the retention's date column holds %s, not a date".formatted(value));
    }

    /** Snapshots in the history of any branch or tag: everything else was staged and never published. */
    private static Set<Long> publishedSnapshotIds(Table table) {
        Set<Long> published = new HashSet<>();
        table.refs().values().forEach(ref -> SnapshotUtil.ancestorIds(table.snapshot(ref.snapshotId()), table::snapshot)
                .forEach(published::add));
        return published;
    }
}
