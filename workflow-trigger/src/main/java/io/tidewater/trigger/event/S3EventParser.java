package io.tidewater.trigger.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.trigger.routing.InvalidEventException;
import io.tidewater.trigger.routing.ObjectCreated;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an SQS message body as S3 sends it: a {@code Records[]} event (event version 2.x), the same inside an SNS
 * envelope (raw or not), or an EventBridge {@code Object Created} event. Keys are URL-decoded exactly once.
 */
public final class S3EventParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    public S3Notification parse(String body) {
        JsonNode root = readTree(body, "message body");
        if (root.hasNonNull("Type") && root.hasNonNull("Message")) {
            String type = root.get("Type").asText();
            if (!"Notification".equals(type)) {
                return new S3Notification.Ignored("SNS " + type);
            }
            JsonNode message = root.get("Message");
            // AWS sends Message as a string; some tools record it parsed.
            return parseEvent(message.isObject() ? message : readTree(message.asText(), "SNS Message"));
        }
        return parseEvent(root);
    }

    private S3Notification parseEvent(JsonNode root) {
        if ("s3:TestEvent".equals(root.path("Event").asText())) {
            return new S3Notification.TestEvent(root.path("Bucket").asText(null));
        }
        if (root.has("Records")) {
            return parseRecords(root.get("Records"));
        }
        if ("aws.s3".equals(root.path("source").asText()) && root.has("detail-type")) {
            return parseEventBridge(root);
        }
        throw new InvalidEventException("Cannot read S3 event: the body has neither Records, an SNS Message, "
                + "an EventBridge aws.s3 event nor s3:TestEvent; fields " + fieldNames(root));
    }

    private S3Notification parseRecords(JsonNode records) {
        if (!records.isArray()) {
            throw new InvalidEventException("Cannot read S3 event: Records is not an array");
        }
        List<ObjectCreated> created = new ArrayList<>();
        String otherEvent = null;
        for (int index = 0; index < records.size(); index++) {
            JsonNode record = records.get(index);
            String where = "Records[" + index + "]";
            requireMajorVersion2(record.path("eventVersion").asText(), where);
            String eventName = record.path("eventName").asText();
            if (!eventName.startsWith("ObjectCreated:")) {
                otherEvent = eventName;
                continue;
            }
            JsonNode s3 = record.path("s3");
            JsonNode object = s3.path("object");
            created.add(new ObjectCreated(
                    required(s3.path("bucket").path("name"), where + ".s3.bucket.name"),
                    decodeKey(required(object.path("key"), where + ".s3.object.key"), where),
                    object.path("size").asLong(0),
                    optional(object.path("eTag")),
                    optional(object.path("versionId")),
                    optional(object.path("sequencer")),
                    time(required(record.path("eventTime"), where + ".eventTime"), where),
                    // Records[] events name the owner's principal id, never an account id.
                    null));
        }
        if (created.isEmpty()) {
            return new S3Notification.Ignored(otherEvent == null ? "no records" : otherEvent);
        }
        return new S3Notification.ObjectsCreated(created);
    }

    private S3Notification parseEventBridge(JsonNode root) {
        String detailType = root.get("detail-type").asText();
        if (!"Object Created".equals(detailType)) {
            return new S3Notification.Ignored(detailType);
        }
        JsonNode detail = root.path("detail");
        JsonNode object = detail.path("object");
        // EventBridge carries keys as they are; they are not form-encoded as in Records[] events.
        return new S3Notification.ObjectsCreated(List.of(new ObjectCreated(
                required(detail.path("bucket").path("name"), "detail.bucket.name"),
                required(object.path("key"), "detail.object.key"),
                object.path("size").asLong(0),
                optional(object.path("etag")),
                optional(object.path("version-id")),
                optional(object.path("sequencer")),
                time(required(root.path("time"), "time"), "EventBridge event"),
                optional(root.path("account")))));
    }

    private static void requireMajorVersion2(String version, String where) {
        if (!version.startsWith("2.")) {
            throw new InvalidEventException(
                    "Cannot read S3 event " + where + ": eventVersion '" + version + "' is not 2.x");
        }
    }

    /** Absent, null and empty all mean "not given": the Lambda samples carry {@code "versionId": ""}. */
    private static String optional(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String text = node.asText();
        return text.isEmpty() ? null : text;
    }

    private static String decodeKey(String key, String where) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(
                    "Cannot decode S3 key '" + key + "' in " + where + ": " + e.getMessage(), e);
        }
    }

    private static Instant time(String value, String where) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("Cannot read event time '" + value + "' in " + where, e);
        }
    }

    private static String required(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull() || node.asText().isEmpty()) {
            throw new InvalidEventException("Cannot read S3 event: " + field + " is missing");
        }
        return node.asText();
    }

    private static JsonNode readTree(String json, String what) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new InvalidEventException("Cannot read " + what + " as an S3 event: not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(
                    "Cannot read " + what + " as an S3 event: malformed JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
