package io.tidewater.contract;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** The loader's reply to a {@link LoadJob}, sent to the job's reply queue. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LoadResult.LoadCompleted.class, name = "completed"),
    @JsonSubTypes.Type(value = LoadResult.LoadFailed.class, name = "failed")
})
public sealed interface LoadResult {

    String jobId();

    String runId();

    String table();

    /**
     * The rows are in the table.
     *
     * @param rowsWritten rows this job committed; 0 when {@code alreadyLoaded}
     * @param rowsQuarantined rows that could not be read and went to the quarantine table
     * @param snapshotId the snapshot that holds the rows (the earlier one when {@code alreadyLoaded})
     * @param alreadyLoaded true when the idempotency key was found in the table's history and nothing was written
     * @param durationMillis time from receiving the job to the commit
     * @param derived what the job wrote to each of its derived tables, in the job's order
     */
    record LoadCompleted(
            String jobId,
            String runId,
            String table,
            long rowsWritten,
            long rowsQuarantined,
            long snapshotId,
            boolean alreadyLoaded,
            long durationMillis,
            List<DerivedLoad> derived)
            implements LoadResult {
        public LoadCompleted {
            requireNonNull(jobId, "jobId is null");
            requireNonNull(runId, "runId is null");
            requireNonNull(table, "table is null");
            derived = derived == null ? List.of() : List.copyOf(derived);
        }

        /** A job without derived tables. */
        public LoadCompleted(
                String jobId,
                String runId,
                String table,
                long rowsWritten,
                long rowsQuarantined,
                long snapshotId,
                boolean alreadyLoaded,
                long durationMillis) {
            this(
                    jobId,
                    runId,
                    table,
                    rowsWritten,
                    rowsQuarantined,
                    snapshotId,
                    alreadyLoaded,
                    durationMillis,
                    List.of());
        }
    }

    /**
     * What a job wrote to one of its derived tables.
     *
     * @param table the derived table
     * @param rowsWritten rows the job's commit added; 0 when {@code alreadyLoaded} or when every key was shadowed
     * @param snapshotId the snapshot of the derived table that holds the job's rows
     * @param alreadyLoaded true when an earlier delivery had written the derived table and nothing was written
     * @param shadowed the keys whose rows of one source stay out of the table because another source ranks first:
     *     the job's own rows left out, and other sources' rows the job's commit removed
     */
    record DerivedLoad(
            String table, long rowsWritten, long snapshotId, boolean alreadyLoaded, List<Shadowed> shadowed) {
        public DerivedLoad {
            requireNonNull(table, "table is null");
            shadowed = shadowed == null ? List.of() : List.copyOf(shadowed);
        }
    }

    /**
     * Rows of one key that do not count because another source delivered the same key.
     *
     * @param key the key, as {@code column=value} pairs joined by commas, such as {@code billing_account_id=1234}
     * @param source the source whose rows are shadowed
     * @param owner the owner of the shadowed rows, such as the report
     * @param bySource the source whose rows count instead
     * @param byOwner the owner of the rows that count
     */
    record Shadowed(String key, String source, String owner, String bySource, String byOwner) {
        public Shadowed {
            requireNonNull(key, "key is null");
            requireNonNull(source, "source is null");
            requireNonNull(owner, "owner is null");
            requireNonNull(bySource, "bySource is null");
            requireNonNull(byOwner, "byOwner is null");
        }
    }

    /**
     * The job failed and the table is unchanged.
     *
     * @param reason what went wrong, naming the file, row or field
     * @param retryable whether delivering the same job again may succeed
     */
    record LoadFailed(String jobId, String runId, String table, String reason, boolean retryable)
            implements LoadResult {
        public LoadFailed {
            requireNonNull(jobId, "jobId is null");
            requireNonNull(runId, "runId is null");
            requireNonNull(table, "table is null");
            requireNonNull(reason, "reason is null");
        }
    }
}
