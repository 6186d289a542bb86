package io.tidewater.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.RunState;
import io.tidewater.contract.RunUpdated;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Contract-typed listeners on a real queue (ElasticMQ) through spring-cloud-aws's container, as the kit configures it:
 * a readable body reaches the listener as its record, an unreadable one is parked at once with why it cannot be read,
 * and a message the stage rejects is parked with the stage's reason, its body as sent.
 */
class ContractPayloadsIT {

    private static final String QUEUE = "stage-in";

    private static ElasticMq elasticMq;
    private static SqsClient sqs;
    private static ConfigurableApplicationContext service;

    @BeforeAll
    static void start() {
        elasticMq = ElasticMq.start();
        String endpoint = elasticMq.endpoint;
        sqs = elasticMq.sqs;
        sqs.createQueue(request -> request.queueName(QUEUE));
        sqs.createQueue(request -> request.queueName(QUEUE + "-dlq"));
        service = new SpringApplicationBuilder(Stage.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.cloud.aws.endpoint=" + endpoint,
                        "--spring.cloud.aws.region.static=us-east-1",
                        "--spring.cloud.aws.credentials.access-key=test",
                        "--spring.cloud.aws.credentials.secret-key=test",
                        // Command-line arguments: they outrank the test resources, which keep the starter off.
                        "--spring.cloud.aws.sqs.enabled=true",
                        "--tidewater.messaging.lease=3s");
    }

    @AfterAll
    static void stop() {
        service.close();
        elasticMq.close();
    }

    @Test
    void readableBodyReachesTheListenerAsItsRecord() {
        RunUpdated update = new RunUpdated("run-ok", RunState.LOADING, null, 0, null, Instant.now());

        send(MessageJson.write(update));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(service.getBean(Stage.class).received)
                .extracting(RunUpdated::runId)
                .contains("run-ok"));
        assertThat(parked()).noneMatch(message -> message.body().contains("run-ok"));
    }

    @Test
    void unreadableBodyIsParkedAtOnceWithWhyItCannotBeRead() {
        send("not json for stage-in");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(parked())
                .filteredOn(message -> message.body().equals("not json for stage-in"))
                .singleElement()
                .satisfies(message -> assertThat(reasonOf(message)).startsWith("Cannot read RunUpdated from JSON: ")));
        assertThat(service.getBean(Stage.class).unreadable).singleElement().satisfies(parked -> {
            assertThat(parked.isFrom(QUEUE)).isTrue();
            assertThat(parked.reason()).startsWith("Cannot read RunUpdated from JSON: ");
        });
    }

    @Test
    void messageTheStageRejectsIsParkedWithItsReasonAndItsBodyAsSent() {
        String body =
                "{ \"runId\": \"run-refused\", \"state\": \"LOADING\", \"rows\": 0, \"at\": \"2026-01-01T00:00:00Z\","
                        + " \"newerField\": 1 }";

        send(body);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(parked())
                .filteredOn(message -> message.body().contains("run-refused"))
                .singleElement()
                .satisfies(message -> {
                    assertThat(message.body()).isEqualTo(body);
                    assertThat(reasonOf(message)).isEqualTo("Cannot take run-refused: refused");
                }));
    }

    private static void send(String body) {
        String url = sqs.getQueueUrl(request -> request.queueName(QUEUE)).queueUrl();
        sqs.sendMessage(request -> request.queueUrl(url).messageBody(body));
    }

    /** Reads the dead-letter queue without taking its messages away for long, so that later reads see them again. */
    private static List<software.amazon.awssdk.services.sqs.model.Message> parked() {
        String url =
                sqs.getQueueUrl(request -> request.queueName(QUEUE + "-dlq")).queueUrl();
        return sqs.receiveMessage(request -> request.queueUrl(url)
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(0)
                        .messageAttributeNames("All"))
                .messages();
    }

    private static String reasonOf(software.amazon.awssdk.services.sqs.model.Message message) {
        return message.messageAttributes()
                .get(DeadLetters.FAILURE_REASON_HEADER)
                .stringValue();
    }

    /** A stage that takes run updates and refuses the run named {@code run-refused}. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Stage {

        final List<RunUpdated> received = new CopyOnWriteArrayList<>();
        final List<UnreadableMessageParked> unreadable = new CopyOnWriteArrayList<>();
        private final StageMessages stage;

        Stage(StageMessages stage) {
            this.stage = stage;
        }

        @SqsListener(QUEUE)
        void onRunUpdated(Message<RunUpdated> message) {
            stage.work(message, update -> {
                received.add(update);
                return update.runId().equals("run-refused")
                        ? Optional.of("Cannot take " + update.runId() + ": refused")
                        : Optional.empty();
            });
        }

        @EventListener
        void onUnreadable(UnreadableMessageParked parked) {
            unreadable.add(parked);
        }
    }
}
