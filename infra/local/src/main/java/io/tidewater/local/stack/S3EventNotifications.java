package io.tidewater.local.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes S3 event notifications exactly as S3 sends them to SQS (event version 2.1), so the services cannot tell the
 * local stack from AWS.
 */
final class S3EventNotifications {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
    private static final String PRINCIPAL = "AWS:TIDEWATERLOCAL";

    private final String region;
    // S3 sequencers grow per key; one counter seeded from the clock keeps them growing across restarts too.
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() * 1_000);

    S3EventNotifications(String region) {
        this.region = region;
    }

    /** One {@code ObjectCreated:*} event; {@code eventName} is {@code Put}, {@code Copy} or similar. */
    String objectCreated(String eventName, String bucket, String key, long size, String eTag, String versionId) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", EVENT_TIME.format(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        record.put("eventName", "ObjectCreated:" + eventName);
        record.putObject("userIdentity").put("principalId", PRINCIPAL);
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        ObjectNode response = record.putObject("responseElements");
        response.put(
                "x-amz-request-id",
                UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase());
        response.put("x-amz-id-2", UUID.randomUUID().toString());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "tidewater-local");
        ObjectNode bucketNode = s3.putObject("bucket");
        bucketNode.put("name", bucket);
        bucketNode.putObject("ownerIdentity").put("principalId", PRINCIPAL);
        bucketNode.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(key));
        object.put("size", size);
        object.put("eTag", unquote(eTag));
        if (versionId != null && !versionId.isEmpty() && !"null".equals(versionId)) {
            object.put("versionId", versionId);
        }
        object.put("sequencer", "%018X".formatted(sequencer.incrementAndGet()));
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        return event.toString();
    }

    /** S3 form-encodes keys ({@code red flower.jpg} becomes {@code red+flower.jpg}) but keeps slashes. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String unquote(String eTag) {
        if (eTag == null) {
            return "";
        }
        return eTag.startsWith("\"") && eTag.endsWith("\"") ? eTag.substring(1, eTag.length() - 1) : eTag;
    }
}
