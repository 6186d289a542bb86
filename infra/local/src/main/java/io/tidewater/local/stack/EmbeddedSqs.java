package io.tidewater.local.stack;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ speaking the SQS protocol on loopback, with every configured queue and its dead-letter queue. */
final class EmbeddedSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final SqsClient client;
    private final Map<String, String> queueUrls = new HashMap<>();

    private EmbeddedSqs(SQSRestServer server, SqsClient client) {
        this.server = server;
        this.client = client;
    }

    static EmbeddedSqs start(LocalStackProperties properties) {
        int port = properties.sqs().port();
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(properties.region())
                .start();
        server.waitUntilStarted();
        SqsClient client = SqsClient.builder()
                .endpointOverride(URI.create(properties.sqsEndpoint()))
                .region(Region.of(properties.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        EmbeddedSqs sqs = new EmbeddedSqs(server, client);
        properties.sqs().queues().forEach(sqs::createWithDeadLetterQueue);
        return sqs;
    }

    private void createWithDeadLetterQueue(LocalStackProperties.Queue queue) {
        String deadLetterUrl = client.createQueue(request -> request.queueName(queue.deadLetterQueueName()))
                .queueUrl();
        String deadLetterArn = client.getQueueAttributes(
                        request -> request.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String redrivePolicy = "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":\"%d\"}"
                .formatted(deadLetterArn, queue.maxReceiveCount());
        String url = client.createQueue(request -> request.queueName(queue.name())
                        .attributes(Map.of(
                                QueueAttributeName.REDRIVE_POLICY,
                                redrivePolicy,
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                String.valueOf(queue.visibilityTimeoutSeconds()))))
                .queueUrl();
        queueUrls.put(queue.name(), url);
        queueUrls.put(queue.deadLetterQueueName(), deadLetterUrl);
    }

    SqsClient client() {
        return client;
    }

    String queueUrl(String name) {
        String url = queueUrls.get(name);
        if (url == null) {
            throw new IllegalArgumentException(
                    "Cannot find queue " + name + ": it is not in the local stack configuration");
        }
        return url;
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
