package io.tidewater.trigger.routing;

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
 * @param accountId the account the event came from, or {@code null} when the envelope does not say (Records[])
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
        // S3 quotes ETags in listings and HEAD responses, never in events.
        if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
            eTag = eTag.substring(1, eTag.length() - 1);
        }
    }

    /**
     * One object version, the same for every delivery of the same event and for a listing of the same object: the
     * ETag comes first because S3 ListObjectsV2, which the backup sweep reads, gives no version id.
     */
    public String objectVersion() {
        String version = eTag != null
                ? "etag:" + eTag
                : versionId != null ? "version:" + versionId : sequencer != null ? "sequencer:" + sequencer : null;
        if (version == null) {
            throw new InvalidEventException("Cannot identify the version of s3://" + bucket + "/" + key
                    + ": the event has no ETag, version id or sequencer");
        }
        return bucket + "/" + key + "#" + version;
    }
}
