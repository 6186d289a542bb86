package io.tidewater.contract;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

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
     */
    record LoadCompleted(
            String jobId,
            String runId,
            String table,
            long rowsWritten,
            long rowsQuarantined,
            long snapshotId,
            boolean alreadyLoaded,
            long durationMillis)
            implements LoadResult {
        public LoadCompleted {
            requireNonNull(jobId, "jobId is null");
            requireNonNull(runId, "runId is null");
            requireNonNull(table, "table is null");
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
