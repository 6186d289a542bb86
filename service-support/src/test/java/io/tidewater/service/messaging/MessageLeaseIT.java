package io.tidewater.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.awspring.cloud.sqs.listener.QueueMessageVisibility;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Leases on a real queue (ElasticMQ): the message is held past its queue's visibility timeout, and no longer. */
class MessageLeaseIT {

    private static final int QUEUE_VISIBILITY_SECONDS = 2;
    private static final Duration LEASE = MessagingProperties.SHORTEST_LEASE;

    private static ElasticMq elasticMq;
    private static SqsClient sqs;
    private static SqsAsyncClient asyncSqs;
    private static MessageLeases leases;

    @BeforeAll
    static void startSqs() {
        elasticMq = ElasticMq.start();
        sqs = elasticMq.sqs;
        asyncSqs = elasticMq.asyncSqs;
        leases = new MessageLeases(LEASE);
    }

    @AfterAll
    static void stopSqs() {
        leases.close();
        elasticMq.close();
    }

    @Test
    void messageWorkedOnPastItsVisibilityTimeoutIsNotDeliveredAgainWhileItsLeaseRuns() {
        String queue = givenQueueWithOneMessage("held");
        Message taken = receive(queue).orElseThrow();

        try (MessageLease lease = hold(queue, taken)) {
            await().during(LEASE.multipliedBy(2))
                    .atMost(LEASE.multipliedBy(3))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> receive(queue).isEmpty());
        }
        sqs.deleteMessage(request -> request.queueUrl(queue).receiptHandle(taken.receiptHandle()));

        assertThat(receive(queue)).as("deleted once the work is done").isEmpty();
    }

    @Test
    void messageOfAHolderThatDiedComesBackWithinAboutOneLease() {
        String queue = givenQueueWithOneMessage("abandoned");
        Message taken = receive(queue).orElseThrow();
        MessageLease lease = hold(queue, taken);
        await().during(Duration.ofSeconds(QUEUE_VISIBILITY_SECONDS * 2L))
                .atMost(Duration.ofSeconds(QUEUE_VISIBILITY_SECONDS * 3L))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> receive(queue).isEmpty());

        // The holder dies: nothing extends the lease any more, and nobody deletes the message.
        lease.close();
        long died = System.nanoTime();
        Message retaken = await().atMost(LEASE.plusSeconds(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> receive(queue), Optional::isPresent)
                .orElseThrow();
        Duration back = Duration.ofNanos(System.nanoTime() - died);
        System.out.printf("Message of a dead lease holder back after %d ms (lease %s)%n", back.toMillis(), LEASE);

        assertThat(retaken.messageId()).isEqualTo(taken.messageId());
        assertThat(retaken.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .as("the retake counts a receive towards the redrive policy")
                .isEqualTo("2");
        assertThat(back).isLessThanOrEqualTo(LEASE.plusSeconds(1));
    }

    private MessageLease hold(String queue, Message message) {
        return leases.hold(message.messageId(), new QueueMessageVisibility(asyncSqs, queue, message.receiptHandle()));
    }

    private static String givenQueueWithOneMessage(String name) {
        String url = sqs.createQueue(request -> request.queueName(name)
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(QUEUE_VISIBILITY_SECONDS))))
                .queueUrl();
        sqs.sendMessage(request -> request.queueUrl(url).messageBody("{\"jobId\": \"" + name + "\"}"));
        return url;
    }

    private static Optional<Message> receive(String queue) {
        List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queue)
                        .maxNumberOfMessages(1)
                        .waitTimeSeconds(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
        return messages.stream().findFirst();
    }
}
