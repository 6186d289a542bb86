package io.tidewater.loader.load;

import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.SourceFile;
import io.tidewater.contract.WriteMode;
import io.tidewater.loader.config.LoaderProperties;
import io.tidewater.loader.maintenance.TableLocks;
import io.tidewater.schema.evolution.EvolutionOptions;
import io.tidewater.schema.evolution.EvolutionPlan;
import io.tidewater.schema.evolution.EvolutionPlanner;
import io.tidewater.schema.evolution.EvolutionResult;
import io.tidewater.schema.evolution.SchemaChange;
import io.tidewater.schema.evolution.SchemaEvolver;
import io.tidewater.service.faults.CrashPoint;
import io.tidewater.service.metrics.PipelineMeters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.SparkWriteOptions;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs one load job with an exactly-once effect. The rows are written as a staged snapshot tagged with the job's
 * idempotency key and then published (see {@link StagedSnapshots}); a replacing job's publication takes the place of
 * the rows it replaces (see {@link ReplacedRows}) in the same commit; rows that do not parse go to the quarantine table
 * the same way; the schema is evolved first, by the job's policy, and never loses a column. Files whose manifest
 * declares an MD5 are digested beside the write, and nothing is published unless every one matches. The job's derived
 * tables follow its commit, each in a commit of its own (see {@link DerivedTables}).
 */
@Component
public class LoadJobRunner {

    private static final Logger log = LoggerFactory.getLogger(LoadJobRunner.class);
    private static final int MAX_SOURCE_FILES_IN_SUMMARY = 2_000;

    private final SparkSession spark;
    private final IcebergTables tables;
    private final QuarantineTables quarantine;
    private final PipelineMeters meters;
    private final String catalogName;
    private final long maxMalformedRows;
    private final LoaderProperties.Limits limits;
    private final List<LoadJobObserver> observers;
    private final SourceLocations sources;
    private final Executor checksumReaders;
    private final DerivedTables derivedTables;
    private final TableLocks locks;

    @Autowired
    LoadJobRunner(
            SparkSession spark,
            IcebergTables tables,
            QuarantineTables quarantine,
            MeterRegistry meters,
            LoaderProperties properties,
            List<LoadJobObserver> observers,
            TableLocks locks) {
        this(
                spark,
                tables,
                quarantine,
                meters,
                properties.catalog().name(),
                properties.maxMalformedRowsPerJob(),
                properties.limits(),
                observers,
                SourceLocations.of(properties),
                locks);
    }

    /**
     * Outside Spring: see {@link LoadJobSubmission}, which passes locks of its own, as no maintenance runs beside it.
     */
    LoadJobRunner(
            SparkSession spark,
            IcebergTables tables,
            QuarantineTables quarantine,
            MeterRegistry meters,
            String catalogName,
            long maxMalformedRows,
            LoaderProperties.Limits limits,
            List<LoadJobObserver> observers,
            SourceLocations sources,
            TableLocks locks) {
        this.locks = locks;
        this.spark = spark;
        this.tables = tables;
        this.quarantine = quarantine;
        this.meters = new PipelineMeters(meters);
        this.catalogName = catalogName;
        this.maxMalformedRows = maxMalformedRows;
        this.limits = limits;
        this.observers = List.copyOf(observers);
        this.sources = sources;
        this.derivedTables = new DerivedTables(spark, tables, catalogName);
        AtomicInteger threads = new AtomicInteger();
        this.checksumReaders = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "load-job-checksums-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs the job on the calling thread, telling every observer that it started and how it ended.
     *
     * @throws InvalidLoadJobException when the job or its files are wrong: running it again cannot succeed
     * @throws RetryableLoadException when running it again may succeed
     */
    public LoadResult.LoadCompleted run(LoadJob job) {
        observers.forEach(observer -> observer.started(job));
        try {
            try {
                sources.requireAllowed(job);
            } catch (IllegalArgumentException outside) {
                throw new InvalidLoadJobException(outside.getMessage(), outside);
            }
            LoadResult.LoadCompleted completed;
            // Maintenance keeps off every table the job writes while it runs.
            try (TableLocks.Lease tables = locks.loading(tablesOf(job))) {
                completed = load(job);
            }
            observers.forEach(observer -> observer.completed(job, completed));
            return completed;
        } catch (RuntimeException e) {
            observers.forEach(observer -> observer.failed(job, e));
            throw e;
        }
    }

    private static List<String> tablesOf(LoadJob job) {
        TableIdentifier table = TableIdentifier.parse(job.table());
        List<String> written = new java.util.ArrayList<>();
        written.add(table.toString());
        written.add(QuarantineTables.of(table).toString());
        job.derivedTables()
                .forEach(derived ->
                        written.add(TableIdentifier.parse(derived.table()).toString()));
        return written;
    }

    private LoadResult.LoadCompleted load(LoadJob job) {
        long started = System.nanoTime();
        TableIdentifier identifier = TableIdentifier.parse(job.table());
        derivedTables.requireAdmitted(job);
        Schema incoming = JobSchema.of(job);
        Table table = tables.loadOrCreate(identifier, incoming, JobSchema.partitionSpec(job, incoming));

        Optional<Snapshot> earlier = LoadHistory.publishedSnapshot(table, job.idempotencyKey());
        if (earlier.isPresent()) {
            log.info(
                    "Load job {} for {} already loaded in snapshot {}",
                    job.jobId(),
                    job.table(),
                    earlier.get().snapshotId());
            return completed(job, 0, 0, earlier.get(), true, started, derivedTables.load(job));
        }

        LoadJob fitted = JobSchema.keepingTextColumns(job, table.schema());
        if (fitted != job) {
            log.info(
                    "Load job {} writes nested columns as JSON into the text columns {} already has",
                    job.jobId(),
                    job.table());
        }
        Evolved evolved = evolve(fitted, table, JobSchema.of(fitted));
        Optional<ReplacedRows> replaced = job.writeMode() instanceof WriteMode.Replace replace
                ? Optional.of(new ReplacedRows(table, replace))
                : Optional.empty();
        replaced.ifPresent(ReplacedRows::partitionByOwner);

        long malformed;
        try (JobSession session = JobSession.open(spark, catalogName, identifier, job.idempotencyKey())) {
            SourceChecksums checksums =
                    SourceChecksums.start(job, session.spark().sessionState().newHadoopConf(), checksumReaders);
            SourceRows rows = read(session, fitted, table, evolved.plan());
            write(job, rows.goodRows(), catalogName + "." + job.table(), table, evolved.introducedSchemaId());
            // Before the quarantine is published too: a damaged file puts none of its rows anywhere.
            checksums.requireMatch();
            malformed = stageMalformedRows(job, identifier, rows);
        }
        CrashPoint.FILES_WRITTEN_NOT_COMMITTED.reached();
        String what = "load job " + job.jobId();
        StagedSnapshots.Published published = replaced.isPresent()
                ? StagedSnapshots.publishReplacing(table, job.idempotencyKey(), what, replaced.get())
                : StagedSnapshots.publish(table, job.idempotencyKey(), what);
        long written = published.alreadyLoaded() ? 0 : LoadHistory.addedRecords(published.snapshot());
        meters.rowsLoaded(job.table(), written);
        // Counted also when 0, so that dashboards show a zero rather than no data.
        meters.rowsQuarantined(job.table(), published.alreadyLoaded() ? 0 : malformed);
        // Also when an earlier delivery published the job's rows: a crash before its derived tables heals here.
        List<LoadResult.DerivedLoad> derived = derivedTables.load(job);
        return completed(job, written, malformed, published.snapshot(), published.alreadyLoaded(), started, derived);
    }

    /** Spark lists the files when it plans the read: a missing one fails here, with a checked AnalysisException. */
    private SourceRows read(JobSession session, LoadJob job, Table table, EvolutionPlan plan) {
        try {
            return SourceFrames.read(
                    session.spark(), job, table.schema(), rescuedColumns(plan), maxMalformedRows, limits);
        } catch (InvalidLoadJobException | RetryableLoadException classified) {
            throw classified;
        } catch (Exception e) {
            throw LoadFailures.classify(job, e);
        }
    }

    /** Quarantines the rows that did not parse, unless there are more than the limit: then the job fails whole. */
    private long stageMalformedRows(LoadJob job, TableIdentifier identifier, SourceRows rows) {
        long malformed = rows.countBadRows();
        if (malformed > maxMalformedRows) {
            throw new InvalidLoadJobException(
                    "Cannot load %s into %s: %d rows do not parse, more than the limit of %d; nothing was loaded"
                            .formatted(describeFiles(job), job.table(), malformed, maxMalformedRows),
                    null);
        }
        if (malformed > 0) {
            quarantine(job, identifier, rows);
        }
        return malformed;
    }

    /**
     * The evolution plan, and the schema id the job's own schema change created, if it made one.
     *
     * @param introducedSchemaId recorded in the job's snapshot, so that a table's history shows which load made which
     *     schema
     */
    private record Evolved(EvolutionPlan plan, Integer introducedSchemaId) {}

    /** Plans by the job's policy and applies the plan in one commit; a rejected change fails the job untouched. */
    private Evolved evolve(LoadJob job, Table table, Schema incoming) {
        EvolutionPlan plan = new EvolutionPlanner(EvolutionOptions.defaults()
                        .withPolicy(job.evolutionPolicy())
                        .withMaxNewColumns(limits.maxNewColumns()))
                .plan(table.schema(), incoming);
        if (!plan.rejections().isEmpty()) {
            throw new InvalidLoadJobException(
                    "Cannot load %s into %s under policy %s: %s"
                            .formatted(
                                    describeFiles(job),
                                    job.table(),
                                    job.evolutionPolicy().policyName(),
                                    plan.describe()),
                    null);
        }
        int applied = 0;
        Integer introduced = null;
        if (!plan.isEmpty()) {
            EvolutionResult result = SchemaEvolver.apply(table, plan);
            applied = result.applied().size();
            if (applied > 0) {
                log.info("Evolved {} to schema {}: {}", job.table(), result.schemaId(), plan.describe());
                introduced = result.schemaId();
            }
            table.refresh();
        }
        meters.schemaChanges(job.table(), applied);
        return new Evolved(plan, introduced);
    }

    private static Set<String> rescuedColumns(EvolutionPlan plan) {
        return plan.changes().stream()
                .filter(change -> change instanceof SchemaChange.RescueColumn)
                .map(change -> change.path().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    private void quarantine(LoadJob job, TableIdentifier identifier, SourceRows rows) {
        Table quarantineTable = quarantine.loadOrCreate(identifier);
        Dataset<Row> bad = QuarantineTables.rows(rows.badRows().get(), job);
        write(job, bad, catalogName + "." + QuarantineTables.of(identifier), quarantineTable, null);
        StagedSnapshots.publish(quarantineTable, job.idempotencyKey(), "quarantine of load job " + job.jobId());
    }

    private static void write(LoadJob job, Dataset<Row> frame, String table, Table target, Integer introducedSchemaId) {
        DataFrameWriterV2<Row> writer = withDistribution(frame.writeTo(table), target)
                .option("snapshot-property." + LoadHistory.IDEMPOTENCY_KEY, job.idempotencyKey())
                .option("snapshot-property." + LoadHistory.JOB_ID, job.jobId())
                .option("snapshot-property." + LoadHistory.RUN_ID, job.runId())
                .option("snapshot-property." + LoadHistory.SOURCE_FILES, sourceFiles(job));
        List<String> nullTokens = job.readerOptions() == null
                ? List.of()
                : job.readerOptions().nullTokens().stream()
                        .filter(token -> !token.isEmpty())
                        .toList();
        if (!nullTokens.isEmpty()) {
            writer = writer.option("snapshot-property." + LoadHistory.NULL_TOKENS, String.join(",", nullTokens));
        }
        if (introducedSchemaId != null) {
            writer = writer.option(
                    "snapshot-property." + LoadHistory.INTRODUCED_SCHEMA_ID, String.valueOf(introducedSchemaId));
        }
        try {
            // Staged as an append: a replacing load swaps the rows it replaces when it is published.
            writer.append();
        } catch (Exception e) {
            throw LoadFailures.classify(job, e);
        }
    }

    /**
     * Unless the table asks for a distribution, each read task writes its own rows. Iceberg's default for a partitioned
     * table, {@code hash}, shuffles every row of a partition to one task; a load job usually holds one partition (one
     * inventory date, one billing period), so the whole write would run on one core. Fanout writers keep one open file
     * per partition a task sees instead of sorting the rows by partition first.
     */
    private static DataFrameWriterV2<Row> withDistribution(DataFrameWriterV2<Row> writer, Table target) {
        if (target.properties().containsKey(TableProperties.WRITE_DISTRIBUTION_MODE)) {
            return writer;
        }
        return writer.option(SparkWriteOptions.DISTRIBUTION_MODE, DistributionMode.NONE.modeName())
                .option(SparkWriteOptions.FANOUT_ENABLED, "true");
    }

    static String describeFiles(LoadJob job) {
        return job.files().size() == 1
                ? job.files().get(0).uri()
                : job.files().size() + " files (" + job.files().get(0).uri() + ", ...)";
    }

    private static String sourceFiles(LoadJob job) {
        String files = job.files().stream().map(SourceFile::uri).collect(Collectors.joining(","));
        return files.length() <= MAX_SOURCE_FILES_IN_SUMMARY
                ? files
                : files.substring(0, MAX_SOURCE_FILES_IN_SUMMARY) + "...("
                        + job.files().size() + " files)";
    }

    private static LoadResult.LoadCompleted completed(
            LoadJob job,
            long rows,
            long quarantined,
            Snapshot snapshot,
            boolean alreadyLoaded,
            long started,
            List<LoadResult.DerivedLoad> derived) {
        return new LoadResult.LoadCompleted(
                job.jobId(),
                job.runId(),
                job.table(),
                rows,
                quarantined,
                snapshot.snapshotId(),
                alreadyLoaded,
                (System.nanoTime() - started) / 1_000_000,
                derived);
    }
}
