package io.tidewater.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class QueueLagInterceptorTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final QueueLagInterceptor interceptor =
            new QueueLagInterceptor(new PipelineMeters(registry), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void recordsTheAgeOfAMessageSinceSqsReceivedItByQueueName() {
        Message<Object> message =
                givenMessage("tidewater-load-jobs", NOW.minusSeconds(42).toEpochMilli());

        Message<Object> passed = interceptor.intercept(message);

        assertThat(passed).isSameAs(message);
        Timer lag = registry.get(PipelineMeters.QUEUE_LAG)
                .tag(PipelineMeters.QUEUE, "tidewater-load-jobs")
                .timer();
        assertThat(lag.count()).isEqualTo(1);
        assertThat(lag.max(TimeUnit.SECONDS)).isEqualTo(42.0);
    }

    @Test
    void namesAQueueGivenByUrlByItsLastPathSegment() {
        interceptor.intercept(givenMessage(
                "http://127.0.0.1:9324/000000000000/tidewater-s3-events",
                NOW.minusMillis(1500).toEpochMilli()));

        assertThat(registry.get(PipelineMeters.QUEUE_LAG)
                        .tag(PipelineMeters.QUEUE, "tidewater-s3-events")
                        .timer()
                        .max(TimeUnit.MILLISECONDS))
                .isEqualTo(1500.0);
    }

    @Test
    void keepsTheOldestMessageOfABatchAsTheMaximum() {
        interceptor.intercept(List.of(
                givenMessage("reports", NOW.minusSeconds(5).toEpochMilli()),
                givenMessage("reports", NOW.minusSeconds(300).toEpochMilli())));

        Timer lag = registry.get(PipelineMeters.QUEUE_LAG).timer();
        assertThat(lag.count()).isEqualTo(2);
        assertThat(lag.max(TimeUnit.SECONDS)).isEqualTo(300.0);
    }

    @Test
    void countsAMessageSentByAHostWhoseClockIsAheadAsNoLag() {
        interceptor.intercept(givenMessage("reports", NOW.plusSeconds(2).toEpochMilli()));

        assertThat(registry.get(PipelineMeters.QUEUE_LAG).timer().max(TimeUnit.SECONDS))
                .isZero();
    }

    @Test
    void recordsNothingForAMessageWithoutSentTimestamp() {
        Message<Object> message = MessageBuilder.<Object>withPayload("{}")
                .setHeader(SqsHeaders.SQS_QUEUE_NAME_HEADER, "reports")
                .build();

        interceptor.intercept(message);

        assertThat(registry.find(PipelineMeters.QUEUE_LAG).timer()).isNull();
    }

    private static Message<Object> givenMessage(String queue, long sentEpochMillis) {
        return MessageBuilder.<Object>withPayload("{}")
                .setHeader(SqsHeaders.SQS_QUEUE_NAME_HEADER, queue)
                // SQS hands system attributes over as strings.
                .setHeader(SqsHeaders.MessageSystemAttributes.SQS_SENT_TIMESTAMP, Long.toString(sentEpochMillis))
                .build();
    }
}
