package io.tidewater.trigger.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An object was created in S3, whatever envelope announced it.
 *
 * @param bucket the bucket
 * @param key the key, URL-decoded exactly once
 * @param size the size in bytes
 * @param eTag the ETag without quotes, or {@code null}
 * @param versionId the version id, or {@code null} in an unversioned bucket
 * @param sequencer S3's ordering token for events of the same key, or {@code null}
 * @param eventTime when S3 says the object was created
 * @param accountId the bucket owner's account, or {@code null} when the envelope does not say
 */
public record ObjectCreated(
        String bucket,
        String key,
        long size,
        String eTag,
        String versionId,
        String sequencer,
        Instant eventTime,
        String accountId) {

    public ObjectCreated {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(eventTime, "eventTime is null");
    }

    /** One object version: the same for every delivery of the same event. */
    public String objectVersion() {
        String version = versionId != null ? versionId : eTag != null ? eTag : sequencer;
        return bucket + "/" + key + "#" + version;
    }
}
