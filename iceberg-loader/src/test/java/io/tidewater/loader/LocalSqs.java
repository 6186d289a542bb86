package io.tidewater.loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ in this JVM on a free port, with the given queues, and a client for it. */
public final class LocalSqs {

    private final String endpoint;
    private final SqsClient sqs;

    private LocalSqs(String endpoint) {
        this.endpoint = endpoint;
        this.sqs = SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    public static LocalSqs start(List<String> queues) {
        int port = freePort();
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion("us-east-1")
                .start();
        server.waitUntilStarted();
        LocalSqs local = new LocalSqs("http://127.0.0.1:" + port);
        queues.forEach(queue -> local.sqs.createQueue(request -> request.queueName(queue)));
        return local;
    }

    /** The spring-cloud-aws settings that point a service here. */
    Map<String, String> springProperties() {
        return Map.of(
                "spring.cloud.aws.sqs.endpoint", endpoint,
                "spring.cloud.aws.region.static", "us-east-1",
                "spring.cloud.aws.credentials.access-key", "test",
                "spring.cloud.aws.credentials.secret-key", "test");
    }

    /** A queue whose messages come back {@code visibilityTimeoutSeconds} after each receive; its URL. */
    public String queue(String name, int visibilityTimeoutSeconds) {
        return sqs.createQueue(request -> request.queueName(name)
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilityTimeoutSeconds))))
                .queueUrl();
    }

    public SqsClient client() {
        return sqs;
    }

    /** A new asynchronous client, as spring-cloud-aws uses, for the caller to close. */
    public SqsAsyncClient newAsyncClient() {
        return SqsAsyncClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    public void send(String queue, String body) {
        String url = sqs.getQueueUrl(request -> request.queueName(queue)).queueUrl();
        sqs.sendMessage(request -> request.queueUrl(url).messageBody(body));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port: " + e.getMessage(), e);
        }
    }
}
