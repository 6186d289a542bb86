package io.tidewater.service.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * The one catalogue of Tidewater's meters, so that the four services name and tag them alike and the Grafana
 * dashboard ({@code infra/grafana/dashboards/tidewater.json}) can rely on them. Prometheus names follow in comments.
 *
 * <p>Who records what: the domain services count {@link #FILES} once per report (a completion marker and its data
 * files) when its outcome is known; the loader alone counts rows, quarantined rows, schema changes and load durations,
 * tagged by table only (a load job names no pipeline); the trigger records {@link #FRESHNESS} when a run ends, since it
 * holds the marker's event time; every service records {@link #QUEUE_LAG} and {@link #QUEUE_DEPTH} of its queues.
 */
public final class PipelineMeters {

    /** Counter {@code tidewater_files_total}: reports by outcome; processed is the sum over the outcomes. */
    public static final String FILES = "tidewater.files";
    /** Counter {@code tidewater_rows_loaded_total}: rows the loader committed (0 for a job already loaded). */
    public static final String ROWS_LOADED = "tidewater.rows.loaded";
    /** Counter {@code tidewater_rows_quarantined_total}: rows the loader wrote to the quarantine table. */
    public static final String ROWS_QUARANTINED = "tidewater.rows.quarantined";
    /** Counter {@code tidewater_schema_changes_total}: schema changes the loader applied. */
    public static final String SCHEMA_CHANGES = "tidewater.schema.changes";
    /** Timer {@code tidewater_load_duration_seconds}: one load job, from receipt to commit or failure. */
    public static final String LOAD_DURATION = "tidewater.load.duration";
    /** Timer {@code tidewater_freshness_seconds}: from the completion marker's upload to the end of its run. */
    public static final String FRESHNESS = "tidewater.freshness";
    /** Timer {@code tidewater_queue_lag_seconds}: a message's age when a listener receives it; max is the oldest. */
    public static final String QUEUE_LAG = "tidewater.queue.lag";
    /** Gauge {@code tidewater_queue_depth}: messages waiting on a queue (SQS ApproximateNumberOfMessages). */
    public static final String QUEUE_DEPTH = "tidewater.queue.depth";
    /**
     * Gauge {@code tidewater_pipeline_backlog}: a pipeline's runs that have not ended (received, routed, crawled or
     * loading), from the trigger's run ledger; a backlog that only grows means a stage is not keeping up.
     */
    public static final String PIPELINE_BACKLOG = "tidewater.pipeline.backlog";
    /** Counter {@code tidewater_events_received_total}: S3 object-created events the trigger read. */
    public static final String EVENTS_RECEIVED = "tidewater.events.received";
    /** Counter {@code tidewater_events_rejected_total}: events the trigger refused, by reason. */
    public static final String EVENTS_REJECTED = "tidewater.events.rejected";
    /** Counter {@code tidewater_runs_started_total}: runs the trigger started, by source (event, sweep, manual). */
    public static final String RUNS_STARTED = "tidewater.runs.started";

    /** Runs that ended, by pipeline and final state (succeeded, failed, quarantined): what failed-run alerts count. */
    public static final String RUNS_FINISHED = "tidewater.runs.finished";
    /** Counter {@code tidewater_run_updates_rejected_total}: run updates the trigger could not apply. */
    public static final String RUN_UPDATES_REJECTED = "tidewater.run-updates.rejected";

    /** Counter {@code tidewater_billing_deliveries_total}: billing deliveries by table and outcome. */
    public static final String BILLING_DELIVERIES = "tidewater.billing.deliveries";
    /** Gauge {@code tidewater_billing_unblended_cost}: the unblended cost of a billing period as its table holds it. */
    public static final String BILLING_UNBLENDED_COST = "tidewater.billing.unblended.cost";

    /** Gauge {@code tidewater_inventory_rows}: rows of a bucket's newest inventory report. */
    public static final String INVENTORY_ROWS = "tidewater.inventory.rows";
    // Not "....total": Prometheus keeps that suffix for counters and would map these onto the per-class gauges.
    /** Gauge {@code tidewater_inventory_bucket_objects}: objects of a bucket in its newest report. */
    public static final String INVENTORY_BUCKET_OBJECTS = "tidewater.inventory.bucket.objects";
    /** Gauge {@code tidewater_inventory_bucket_bytes}: bytes of a bucket in its newest report. */
    public static final String INVENTORY_BUCKET_BYTES = "tidewater.inventory.bucket.bytes";
    /** Gauge {@code tidewater_inventory_objects}: objects of a bucket by storage class. */
    public static final String INVENTORY_OBJECTS = "tidewater.inventory.objects";
    /** Gauge {@code tidewater_inventory_bytes}: bytes of a bucket by storage class. */
    public static final String INVENTORY_BYTES = "tidewater.inventory.bytes";
    /** Gauge {@code tidewater_inventory_objects_not_encrypted}: objects stored without server-side encryption. */
    public static final String INVENTORY_OBJECTS_NOT_ENCRYPTED = "tidewater.inventory.objects.not-encrypted";
    /** Gauge {@code tidewater_inventory_objects_without_checksum}: objects without a checksum algorithm. */
    public static final String INVENTORY_OBJECTS_WITHOUT_CHECKSUM = "tidewater.inventory.objects.without-checksum";
    /** Gauge {@code tidewater_inventory_delete_markers}: delete markers in a bucket's newest report. */
    public static final String INVENTORY_DELETE_MARKERS = "tidewater.inventory.delete-markers";
    /** Gauge {@code tidewater_inventory_noncurrent_versions}: noncurrent versions in a bucket's newest report. */
    public static final String INVENTORY_NONCURRENT_VERSIONS = "tidewater.inventory.noncurrent.versions";
    /** Gauge {@code tidewater_inventory_noncurrent_bytes}: bytes of the noncurrent versions. */
    public static final String INVENTORY_NONCURRENT_BYTES = "tidewater.inventory.noncurrent.bytes";
    /** Gauge {@code tidewater_inventory_growth_objects}: objects gained since the bucket's previous report. */
    public static final String INVENTORY_GROWTH_OBJECTS = "tidewater.inventory.growth.objects";
    /** Gauge {@code tidewater_inventory_growth_bytes}: bytes gained since the bucket's previous report. */
    public static final String INVENTORY_GROWTH_BYTES = "tidewater.inventory.growth.bytes";

    /** Table maintenance runs by outcome, and what they expired, rewrote and removed. */
    public static final String MAINTENANCE_DURATION = "tidewater.maintenance.duration";

    public static final String MAINTENANCE_SNAPSHOTS_EXPIRED = "tidewater.maintenance.snapshots.expired";
    public static final String MAINTENANCE_FILES_REWRITTEN = "tidewater.maintenance.files.rewritten";
    public static final String MAINTENANCE_FILES_ADDED = "tidewater.maintenance.files.added";
    public static final String MAINTENANCE_BYTES_REWRITTEN = "tidewater.maintenance.bytes.rewritten";
    public static final String MAINTENANCE_ORPHANS_REMOVED = "tidewater.maintenance.orphan.files.removed";

    public static final String PIPELINE = "pipeline";
    public static final String TABLE = "table";
    public static final String OUTCOME = "outcome";
    public static final String QUEUE = "queue";
    public static final String REASON = "reason";
    public static final String SOURCE = "source";
    public static final String STATE = "state";
    public static final String SOURCE_BUCKET = "source_bucket";
    public static final String STORAGE_CLASS = "storage_class";
    public static final String BILLING_PERIOD = "billing_period";

    /** The tag value when a report failed before its pipeline or table was known. */
    public static final String UNKNOWN = "unknown";
    /** The pipeline tag of an event that is no pipeline's completion marker, or that could not be read at all. */
    public static final String NO_PIPELINE = "none";

    /** What became of a report, or of a load job. */
    public enum Outcome {
        /** Loaded, possibly with rows quarantined. */
        SUCCEEDED,
        /** Nothing to do: a duplicate, or older than what the table holds. */
        SKIPPED,
        /** Wrong as delivered: retrying cannot help. */
        REJECTED,
        /** An attempt failed and is retried. */
        ERRORED;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry meters;

    public PipelineMeters(MeterRegistry meters) {
        this.meters = requireNonNull(meters, "meters is null");
    }

    public void file(String pipeline, String table, Outcome outcome) {
        Counter.builder(FILES)
                .description("Reports (completion marker and data files) by outcome")
                .tag(PIPELINE, orUnknown(pipeline))
                .tag(TABLE, orUnknown(table))
                .tag(OUTCOME, outcome.tag())
                .register(meters)
                .increment();
    }

    public void rowsLoaded(String table, long rows) {
        tableCounter(ROWS_LOADED, "Rows committed to the table", table).increment(rows);
    }

    public void rowsQuarantined(String table, long rows) {
        tableCounter(ROWS_QUARANTINED, "Rows written to the table's quarantine table", table)
                .increment(rows);
    }

    public void schemaChanges(String table, long changes) {
        tableCounter(SCHEMA_CHANGES, "Schema changes applied to the table", table)
                .increment(changes);
    }

    public void loadDuration(String table, Outcome outcome, Duration duration) {
        Timer.builder(LOAD_DURATION)
                .description("Load jobs from receipt to commit or failure")
                .tag(TABLE, orUnknown(table))
                .tag(OUTCOME, outcome.tag())
                .publishPercentileHistogram()
                .register(meters)
                .record(duration);
    }

    public void freshness(String pipeline, String table, Duration sinceMarker) {
        Timer.builder(FRESHNESS)
                .description("From the completion marker's upload to the end of its run")
                .tag(PIPELINE, orUnknown(pipeline))
                .tag(TABLE, orUnknown(table))
                .publishPercentileHistogram()
                .register(meters)
                .record(nonNegative(sinceMarker));
    }

    public void queueLag(String queue, Duration age) {
        Timer.builder(QUEUE_LAG)
                .description("Age of a message when a listener receives it")
                .tag(QUEUE, orUnknown(queue))
                .publishPercentileHistogram()
                .register(meters)
                .record(nonNegative(age));
    }

    /** An object-created event the trigger read, tagged {@link #NO_PIPELINE} when it is no completion marker. */
    public void eventReceived(String pipeline) {
        Counter.builder(EVENTS_RECEIVED)
                .tag(PIPELINE, orUnknown(pipeline))
                .register(meters)
                .increment();
    }

    /** An event the trigger refused: not on the allowlist, or not an S3 event at all ({@code malformed}). */
    public void eventRejected(String pipeline, String reason) {
        Counter.builder(EVENTS_REJECTED)
                .tag(PIPELINE, orUnknown(pipeline))
                .tag(REASON, orUnknown(reason))
                .register(meters)
                .increment();
    }

    public void runStarted(String pipeline, String source) {
        Counter.builder(RUNS_STARTED)
                .tag(PIPELINE, orUnknown(pipeline))
                .tag(SOURCE, orUnknown(source))
                .register(meters)
                .increment();
    }

    /** A run reached its final state; counted once per run, not per repeated final update. */
    public void runFinished(String pipeline, String state) {
        Counter.builder(RUNS_FINISHED)
                .description("Runs that ended, by final state")
                .tag(PIPELINE, orUnknown(pipeline))
                .tag(STATE, orUnknown(state).toLowerCase(Locale.ROOT))
                .register(meters)
                .increment();
    }

    public void runUpdateRejected() {
        Counter.builder(RUN_UPDATES_REJECTED).register(meters).increment();
    }

    /** One table maintenance run: its duration by outcome, and what it expired, rewrote and removed. */
    public void maintenance(
            String table,
            String outcome,
            Duration duration,
            long snapshotsExpired,
            long filesRewritten,
            long filesAdded,
            long bytesRewritten,
            long orphansRemoved) {
        Timer.builder(MAINTENANCE_DURATION)
                .description("Table maintenance runs by outcome")
                .tag(TABLE, orUnknown(table))
                .tag(OUTCOME, orUnknown(outcome).toLowerCase(Locale.ROOT))
                .register(meters)
                .record(nonNegative(duration));
        tableCounter(MAINTENANCE_SNAPSHOTS_EXPIRED, "Snapshots expired by maintenance", table)
                .increment(snapshotsExpired);
        tableCounter(MAINTENANCE_FILES_REWRITTEN, "Data files compaction replaced", table)
                .increment(filesRewritten);
        tableCounter(MAINTENANCE_FILES_ADDED, "Data files compaction wrote", table)
                .increment(filesAdded);
        tableCounter(MAINTENANCE_BYTES_REWRITTEN, "Bytes of the data files compaction replaced", table)
                .increment(bytesRewritten);
        tableCounter(MAINTENANCE_ORPHANS_REMOVED, "Files no snapshot referenced, removed by maintenance", table)
                .increment(orphansRemoved);
    }

    private Counter tableCounter(String name, String description, String table) {
        return Counter.builder(name)
                .description(description)
                .tag(TABLE, orUnknown(table))
                .register(meters);
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }

    /** Clocks of different hosts disagree by a little; a negative age would be rejected by the timer. */
    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
