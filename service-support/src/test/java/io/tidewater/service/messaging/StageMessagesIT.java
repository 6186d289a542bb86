package io.tidewater.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.RunState;
import io.tidewater.contract.RunUpdated;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The stage kit's messages on a real queue (ElasticMQ): a parked body as received, on {@code <queue>-dlq}, with its
 * reason in a header; a run update stamped by the clock.
 */
class StageMessagesIT {

    private static ElasticMq elasticMq;
    private static SqsClient sqs;
    private static SqsAsyncClient asyncSqs;
    private static DeadLetters deadLetters;

    @BeforeAll
    static void startSqs() {
        elasticMq = ElasticMq.start();
        sqs = elasticMq.sqs;
        asyncSqs = elasticMq.asyncSqs;
        deadLetters = new DeadLetters(SqsTemplate.newTemplate(asyncSqs));
    }

    @AfterAll
    static void stopSqs() {
        elasticMq.close();
    }

    @Test
    void parksTheBodyOnTheDeadLetterQueueWithItsReason() {
        givenQueue("reports-dlq");

        deadLetters.park("reports", "{\"not\":\"a report\"}", "Cannot read ReportArrived from JSON: no bucket");

        Message parked = onlyMessageOf("reports-dlq");
        assertThat(parked.body()).isEqualTo("{\"not\":\"a report\"}");
        assertThat(parked.messageAttributes()
                        .get(DeadLetters.FAILURE_REASON_HEADER)
                        .stringValue())
                .isEqualTo("Cannot read ReportArrived from JSON: no bucket");
    }

    @Test
    void readsAReadableMessageAndParksNothing() {
        givenQueue("updates-dlq");
        String body = "{\"runId\":\"run-1\",\"state\":\"LOADING\",\"rows\":0,\"at\":\"2026-01-01T00:00:00Z\"}";

        assertThat(deadLetters.readOrPark("updates", body, RunUpdated.class))
                .get()
                .satisfies(update -> {
                    assertThat(update.runId()).isEqualTo("run-1");
                    assertThat(update.state()).isEqualTo(RunState.LOADING);
                });
        assertThat(messagesOf("updates-dlq")).isEmpty();
    }

    @Test
    void parksAnUnreadableMessageWithWhyItCannotBeRead() {
        givenQueue("jobs-dlq");

        assertThat(deadLetters.readOrPark("jobs", "not json", RunUpdated.class)).isEmpty();

        Message parked = onlyMessageOf("jobs-dlq");
        assertThat(parked.body()).isEqualTo("not json");
        assertThat(parked.messageAttributes()
                        .get(DeadLetters.FAILURE_REASON_HEADER)
                        .stringValue())
                .startsWith("Cannot read RunUpdated from JSON: ");
    }

    @Test
    void namesTheDeadLetterQueueOfAQueueByNameOrUrl() {
        assertThat(DeadLetters.queueOf("tidewater-events")).isEqualTo("tidewater-events-dlq");
        assertThat(DeadLetters.queueOf("http://sqs/000000000000/tidewater-events"))
                .isEqualTo("http://sqs/000000000000/tidewater-events-dlq");
    }

    @Test
    void sendsARunUpdateStampedByTheClock() {
        givenQueue("run-updates");
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
        RunUpdatesClient runUpdates = new RunUpdatesClient(SqsTemplate.newTemplate(asyncSqs), "run-updates", clock);

        runUpdates.send("run-7", RunState.SUCCEEDED, "inventory.objects", 42, "42 rows in snapshot 1");

        assertThat(MessageJson.read(onlyMessageOf("run-updates").body(), RunUpdated.class))
                .isEqualTo(new RunUpdated(
                        "run-7",
                        RunState.SUCCEEDED,
                        "inventory.objects",
                        42,
                        "42 rows in snapshot 1",
                        Instant.parse("2026-03-01T12:00:00Z")));
    }

    private static void givenQueue(String name) {
        sqs.createQueue(request -> request.queueName(name));
    }

    private static Message onlyMessageOf(String queue) {
        List<Message> messages = messagesOf(queue);
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private static List<Message> messagesOf(String queue) {
        String url = sqs.getQueueUrl(request -> request.queueName(queue)).queueUrl();
        return sqs.receiveMessage(request -> request.queueUrl(url)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(1)
                        .messageAttributeNames("All"))
                .messages();
    }
}
