package io.tidewater.loader.load;

import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.SourceFile;
import io.tidewater.contract.WriteMode;
import io.tidewater.loader.config.LoaderProperties;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.DuplicateWAPCommitException;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one load job with an exactly-once effect: the rows are written as a staged snapshot tagged with the job's
 * idempotency key, then published with Iceberg's cherry-pick, which refuses a key the table's history already holds —
 * also when two loaders race on the same job.
 */
@Component
public class LoadJobRunner {

    private static final Logger log = LoggerFactory.getLogger(LoadJobRunner.class);
    private static final int MAX_SOURCE_FILES_IN_SUMMARY = 2_000;

    private final SparkSession spark;
    private final IcebergTables tables;
    private final String catalogName;

    LoadJobRunner(SparkSession spark, IcebergTables tables, LoaderProperties properties) {
        this.spark = spark;
        this.tables = tables;
        this.catalogName = properties.catalog().name();
    }

    public LoadResult.LoadCompleted run(LoadJob job) {
        long started = System.nanoTime();
        TableIdentifier identifier = TableIdentifier.parse(job.table());
        Schema incoming = JobSchema.of(job);
        Table table = tables.loadOrCreate(identifier, incoming, JobSchema.partitionSpec(job, incoming));

        Optional<Snapshot> earlier = LoadHistory.publishedSnapshot(table, job.idempotencyKey());
        if (earlier.isPresent()) {
            log.info(
                    "Load job {} for {} already loaded in snapshot {}",
                    job.jobId(),
                    job.table(),
                    earlier.get().snapshotId());
            return completed(job, 0, earlier.get(), true, started);
        }

        evolve(table, incoming);
        write(job, table.schema());

        table.refresh();
        Snapshot staged = LoadHistory.stagedSnapshot(table, job.idempotencyKey())
                .orElseThrow(() -> new IllegalStateException(
                        "Cannot find the staged snapshot of load job %s in %s".formatted(job.jobId(), job.table())));
        return publish(job, table, staged, started);
    }

    /** Adds what the incoming schema has and the table lacks; never drops or narrows a column. */
    private static void evolve(Table table, Schema incoming) {
        table.updateSchema().caseSensitive(false).unionByNameWith(incoming).commit();
    }

    private void write(LoadJob job, Schema tableSchema) {
        // The write-audit-publish id is a session setting: a session of its own keeps concurrent jobs apart.
        SparkSession session = spark.newSession();
        session.conf().set("spark.wap.id", job.idempotencyKey());
        Dataset<Row> frame = SourceFrames.read(session, job, tableSchema);
        DataFrameWriterV2<Row> writer = frame.writeTo(catalogName + "." + job.table())
                .option("snapshot-property." + LoadHistory.IDEMPOTENCY_KEY, job.idempotencyKey())
                .option("snapshot-property." + LoadHistory.JOB_ID, job.jobId())
                .option("snapshot-property." + LoadHistory.RUN_ID, job.runId())
                .option("snapshot-property." + LoadHistory.SOURCE_FILES, sourceFiles(job));
        try {
            if (job.writeMode() instanceof WriteMode.Replace) {
                // Replaces exactly the partitions the rows fall in: the restated billing period.
                writer.overwritePartitions();
            } else {
                writer.append();
            }
        } catch (Exception e) {
            throw LoadFailures.classify(job, e);
        }
    }

    private LoadResult.LoadCompleted publish(LoadJob job, Table table, Snapshot staged, long started) {
        try {
            table.manageSnapshots().cherrypick(staged.snapshotId()).commit();
        } catch (DuplicateWAPCommitException raced) {
            table.refresh();
            Snapshot winner =
                    LoadHistory.publishedSnapshot(table, job.idempotencyKey()).orElseThrow(() -> raced);
            log.info(
                    "Load job {} for {} was published meanwhile in snapshot {}",
                    job.jobId(),
                    job.table(),
                    winner.snapshotId());
            return completed(job, 0, winner, true, started);
        } catch (CommitStateUnknownException unknown) {
            // The commit may have landed: the table's history decides before anything is retried.
            table.refresh();
            Snapshot published =
                    LoadHistory.publishedSnapshot(table, job.idempotencyKey()).orElseThrow(() -> unknown);
            return completed(job, LoadHistory.addedRecords(staged), published, false, started);
        }
        table.refresh();
        Snapshot published = LoadHistory.publishedSnapshot(table, job.idempotencyKey())
                .orElseThrow(() -> new IllegalStateException(
                        "Cannot find the published snapshot of load job %s in %s".formatted(job.jobId(), job.table())));
        return completed(job, LoadHistory.addedRecords(staged), published, false, started);
    }

    private static String sourceFiles(LoadJob job) {
        String files = job.files().stream().map(SourceFile::uri).collect(Collectors.joining(","));
        return files.length() <= MAX_SOURCE_FILES_IN_SUMMARY
                ? files
                : files.substring(0, MAX_SOURCE_FILES_IN_SUMMARY) + "...("
                        + job.files().size() + " files)";
    }

    private static LoadResult.LoadCompleted completed(
            LoadJob job, long rows, Snapshot snapshot, boolean alreadyLoaded, long started) {
        return new LoadResult.LoadCompleted(
                job.jobId(),
                job.runId(),
                job.table(),
                rows,
                0,
                snapshot.snapshotId(),
                alreadyLoaded,
                (System.nanoTime() - started) / 1_000_000);
    }
}
