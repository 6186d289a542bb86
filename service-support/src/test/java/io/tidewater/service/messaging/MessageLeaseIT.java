package io.tidewater.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.awspring.cloud.sqs.listener.QueueMessageVisibility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Leases on a real queue (ElasticMQ): the message is held past its queue's visibility timeout, and no longer. */
class MessageLeaseIT {

    private static final int QUEUE_VISIBILITY_SECONDS = 2;
    private static final Duration LEASE = MessagingProperties.SHORTEST_LEASE;

    private static SQSRestServer server;
    private static SqsClient sqs;
    private static SqsAsyncClient asyncSqs;
    private static MessageLeases leases;

    @BeforeAll
    static void startSqs() {
        int port = freePort();
        server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion("us-east-1")
                .start();
        server.waitUntilStarted();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        sqs = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        asyncSqs = SqsAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        leases = new MessageLeases(LEASE);
    }

    @AfterAll
    static void stopSqs() {
        leases.close();
        asyncSqs.close();
        sqs.close();
        server.stopAndWait();
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port: " + e.getMessage(), e);
        }
    }
}
