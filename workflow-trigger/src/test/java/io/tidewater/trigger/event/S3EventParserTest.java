package io.tidewater.trigger.event;

import static io.tidewater.trigger.fixtures.RecordedEvents.recordsBody;
import static io.tidewater.trigger.fixtures.RecordedEvents.restore;
import static io.tidewater.trigger.fixtures.RecordedEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.trigger.fixtures.RecordedEvents;
import io.tidewater.trigger.routing.InvalidEventException;
import io.tidewater.trigger.routing.ObjectCreated;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3EventParserTest {

    private static final String SQS = "test_s3_notifications_sqs.snapshot.json";
    private final S3EventParser parser = new S3EventParser();

    private ObjectCreated onlyObject(String body) {
        S3Notification notification = parser.parse(body);
        assertThat(notification).isInstanceOf(S3Notification.ObjectsCreated.class);
        return ((S3Notification.ObjectsCreated) notification).objects().get(0);
    }

    private static JsonNode recordedMessage(String test, int index) {
        return snapshot(SQS, test).get("receive_messages").get("messages").get(index);
    }

    @Nested
    class RecordedAgainstAwsToSqs {

        @Test
        void readsPutWithBucketKeySizeAndETag() {
            ObjectCreated object = onlyObject(recordsBody(recordedMessage("test_object_created_put", 0)));

            assertThat(object.bucket()).isEqualTo("<resource:1>");
            assertThat(object.key()).isEqualTo("my_key_0");
            assertThat(object.size()).isEqualTo(9);
            assertThat(object.eTag()).isEqualTo("437b930db84b8079c2dd804a71936b5f");
            assertThat(object.sequencer()).isEqualTo("sequencer");
            assertThat(object.eventTime()).isEqualTo(Instant.parse(RecordedEvents.EVENT_TIME));
            assertThat(object.accountId()).as("Records[] name no account").isNull();
        }

        @Test
        void readsMultipartETagWithItsPartCount() {
            ObjectCreated object =
                    onlyObject(recordsBody(recordedMessage("test_object_created_complete_multipart_upload", 0)));

            assertThat(object.key()).isEqualTo("test-key");
            assertThat(object.size()).isEqualTo(6144);
            assertThat(object.eTag()).isEqualTo("8eabe9d6b43316e840b079170916c079-1");
        }

        @Test
        void decodesTheRecordedPercentEncodedKey() {
            ObjectCreated object = onlyObject(recordsBody(recordedMessage("test_key_encoding", 0)));

            assertThat(object.key()).isEqualTo("a@b");
        }

        @Test
        void readsVersionIdOfVersionedBucket() {
            JsonNode record = snapshot(SQS, "test_object_created_put_versioned")
                    .get("message-versioning-active")
                    .get(0);

            ObjectCreated object = onlyObject(recordsBody(record));

            assertThat(object.versionId()).isEqualTo("version-id");
            assertThat(object.size()).isEqualTo(13);
            assertThat(object.eTag()).isEqualTo("6869c34ca384e0ed836d49214f881e87");
        }

        @Test
        void readsCopyAndIgnoresRemovalInOneMessage() {
            JsonNode messages = snapshot(SQS, "test_object_created_and_object_removed")
                    .get("receive_messages")
                    .get("messages");

            S3Notification notification = parser.parse(recordsBody(messages.get(0), messages.get(2)));

            assertThat(messages.get(2).get("eventName").asText()).startsWith("ObjectRemoved");
            assertThat(((S3Notification.ObjectsCreated) notification).objects())
                    .extracting(ObjectCreated::key)
                    .containsExactly("<object-key:1>");
        }

        @Test
        void ignoresTaggingEventOfVersion23() {
            S3Notification notification =
                    parser.parse(recordsBody(recordedMessage("test_object_tagging_put_event", 0)));

            assertThat(notification).isEqualTo(new S3Notification.Ignored("ObjectTagging:Put"));
        }
    }

    @Nested
    class WrappedInSns {

        @Test
        void readsRecordedSnsNotificationWhoseMessageIsAString() {
            JsonNode envelope = restore(snapshot("test_s3_notifications_sns.snapshot.json", "test_object_created_put")
                    .get("receive_messages")
                    .get("messages")
                    .get(0));

            ObjectCreated object = onlyObject(envelope.toString());

            assertThat(envelope.get("Message").isTextual()).isTrue();
            assertThat(object.key()).isEqualTo("bucket-key");
            assertThat(object.size()).isEqualTo(11);
            assertThat(object.eTag()).isEqualTo("c8e3a3027a133355210f85cfbb1acc35");
        }

        @Test
        void readsRawDeliveryAsTheBareEvent() {
            String raw = restore(
                            snapshot("test_s3_notifications_sns.snapshot.json", "test_bucket_notifications_with_filter")
                                    .get("message"))
                    .get("Message")
                    .asText();

            ObjectCreated object = onlyObject(raw);

            assertThat(object.key()).isEqualTo("testupload/dir1/testfile.txt");
            assertThat(object.size()).isEqualTo(35);
        }

        @Test
        void ignoresSubscriptionConfirmation() {
            String body = "{\"Type\":\"SubscriptionConfirmation\",\"Message\":\"You have chosen to subscribe\","
                    + "\"Token\":\"t\",\"SubscribeURL\":\"https://sns.example\"}";

            assertThat(parser.parse(body)).isEqualTo(new S3Notification.Ignored("SNS SubscriptionConfirmation"));
        }
    }

    @Nested
    class FromEventBridge {

        private final JsonNode recorded =
                snapshot("test_s3_notifications_eventbridge.snapshot.json", "test_object_created_put");

        @Test
        void readsObjectCreatedWithEtagSizeAndAccount() {
            ObjectCreated object =
                    onlyObject(restore(recorded.get("object_created")).toString());

            assertThat(object.bucket()).isEqualTo("<bucket-name:1>");
            assertThat(object.key()).isEqualTo("<key-name:1>");
            assertThat(object.size()).isEqualTo(4);
            assertThat(object.eTag()).isEqualTo("8d777f385d3dfec8815d20f7496026dc");
            assertThat(object.accountId()).isEqualTo("111111111111");
        }

        @Test
        void ignoresObjectDeleted() {
            assertThat(parser.parse(restore(recorded.get("object_deleted")).toString()))
                    .isEqualTo(new S3Notification.Ignored("Object Deleted"));
        }
    }

    @Nested
    class FromLambdaLibrary {

        @Test
        void readsS3EventOfVersion20AndTreatsEmptyVersionIdAsNone() {
            ObjectCreated object = onlyObject(RecordedEvents.text("aws-lambda-java-libs-events/s3_event.json"));

            assertThat(object.bucket()).isEqualTo("example-bucket");
            assertThat(object.key()).isEqualTo("test/key");
            assertThat(object.size()).isEqualTo(1024);
            assertThat(object.eTag()).isEqualTo("0123456789abcdef0123456789abcdef");
            assertThat(object.versionId()).isNull();
            assertThat(object.sequencer()).isEqualTo("0A1B2C3D4E5F678901");
        }

        @Test
        void rejectsLambdaSnsEventAsNoS3Event() {
            assertThatThrownBy(() -> parser.parse(RecordedEvents.text("aws-lambda-java-libs-events/sns_event.json")))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessage("Cannot read S3 event Records[0]: eventVersion '' is not 2.x");
        }

        @Test
        void rejectsLambdaSqsEnvelopeAsNoS3Event() {
            assertThatThrownBy(() ->
                            parser.parse(RecordedEvents.text("aws-lambda-java-libs-events/sqs_event_product.json")))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessage("Cannot read S3 event Records[0]: eventVersion '' is not 2.x");
        }
    }

    @Test
    void recognisesTestEvent() {
        assertThat(parser.parse(RecordedEvents.testEvent("tidewater-inventory")))
                .isEqualTo(new S3Notification.TestEvent("tidewater-inventory"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "inventory/red flower.jpg",
                "cur/a+b/report-Manifest.json",
                "100%/done/manifest.checksum",
                "données/Übersicht/日本語/manifest.checksum",
                "metadata/BILLING_PERIOD=2024-05/export-Manifest.json",
                "a@b",
            })
    void keyRoundTripsThroughFormEncodingExactlyOnce(String key) {
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8);

        ObjectCreated object = onlyObject(RecordedEvents.objectCreated("b", key, "e", "0A"));

        assertThat(object.key()).isEqualTo(key);
        assertThat(encoded).as("the test encodes like S3").doesNotContain(" ");
    }

    @Test
    void rejectsMalformedJsonWithTheReason() {
        assertThatThrownBy(() -> parser.parse("{not json"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("Cannot read message body as an S3 event: malformed JSON");
    }

    @Test
    void rejectsEventVersionOtherThan2() {
        String body = RecordedEvents.objectCreated("b", "k", "e", "0A").replace("\"2.1\"", "\"3.0\"");

        assertThatThrownBy(() -> parser.parse(body))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("Cannot read S3 event Records[0]: eventVersion '3.0' is not 2.x");
    }
}
