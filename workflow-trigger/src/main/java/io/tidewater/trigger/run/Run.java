package io.tidewater.trigger.run;

import static java.util.Objects.requireNonNull;

import io.tidewater.contract.RunState;
import java.time.Instant;

/**
 * One report's run, as the ledger holds it.
 *
 * @param runId the run id, derived from the object version so that every delivery of it names the same run
 * @param pipeline the route's pipeline
 * @param bucket the completion marker's bucket
 * @param key the completion marker's key, decoded
 * @param versionId the marker's version id, or {@code null}
 * @param eTag the marker's ETag without quotes, or {@code null}
 * @param size the marker's size in bytes
 * @param sequencer S3's ordering token of the event, or {@code null}
 * @param eventTime when S3 says the marker was created
 * @param targetTable the table the route loads, or {@code null} when the route does not serialise
 * @param queue the queue {@code ReportArrived} went to
 * @param source what found the report
 * @param state where the run is
 * @param attempts 1, plus one per replay
 * @param rows rows loaded (or quarantined), as last reported
 * @param detail the last reported detail or error, or {@code null}
 * @param createdAt when the trigger recorded the run
 * @param updatedAt when the run last changed
 * @param routedAt when {@code ReportArrived} was sent, or {@code null} while the run waits
 * @param finishedAt when the run reached a final state, or {@code null}
 */
public record Run(
        String runId,
        String pipeline,
        String bucket,
        String key,
        String versionId,
        String eTag,
        long size,
        String sequencer,
        Instant eventTime,
        String targetTable,
        String queue,
        RunSource source,
        RunState state,
        int attempts,
        long rows,
        String detail,
        Instant createdAt,
        Instant updatedAt,
        Instant routedAt,
        Instant finishedAt) {

    public Run {
        requireNonNull(runId, "runId is null");
        requireNonNull(pipeline, "pipeline is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(state, "state is null");
    }

    /** The completion marker as an {@code s3://} URI. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
