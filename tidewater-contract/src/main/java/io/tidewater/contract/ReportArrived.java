package io.tidewater.contract;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A completion marker landed in S3 and was routed to a pipeline: the workflow trigger sends this to the domain service
 * that owns the pipeline.
 *
 * @param runId the run this report starts, unique per object version
 * @param pipeline the configured pipeline name, such as {@code inventory}
 * @param bucket the bucket the marker landed in
 * @param key the URL-decoded key of the completion marker
 * @param versionId the object's version id, or {@code null} in an unversioned bucket
 * @param eTag the object's ETag without quotes, or {@code null} when the event carried none
 * @param size the object's size in bytes
 * @param eventTime when S3 says the object was created
 */
public record ReportArrived(
        String runId,
        String pipeline,
        String bucket,
        String key,
        String versionId,
        String eTag,
        long size,
        Instant eventTime) {

    public ReportArrived {
        requireNonNull(runId, "runId is null");
        requireNonNull(pipeline, "pipeline is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(eventTime, "eventTime is null");
    }

    /** The marker's location as an {@code s3://} URI. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
