package io.tidewater.local.stack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The embedded stack: S3 and SQS on loopback, buckets and queues created, bucket notifications wired. State lives in
 * the data directory and survives a restart.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalStackProperties properties;
    private final Path dataDirectory;
    private final EmbeddedSqs sqs;
    private final EmbeddedS3 s3;

    private LocalStack(LocalStackProperties properties, Path dataDirectory, EmbeddedSqs sqs, EmbeddedS3 s3) {
        this.properties = properties;
        this.dataDirectory = dataDirectory;
        this.sqs = sqs;
        this.s3 = s3;
    }

    /** Starts SQS first, so that S3 has somewhere to send its first notification. */
    public static LocalStack start(LocalStackProperties properties, Path dataDirectory) {
        EmbeddedSqs sqs = EmbeddedSqs.start(properties, dataDirectory);
        Map<String, Consumer<String>> targets = new HashMap<>();
        SqsClient client = sqs.client();
        for (LocalStackProperties.Notification notification : properties.s3().notifications()) {
            String queueUrl = sqs.queueUrl(notification.queue());
            targets.put(
                    notification.bucket(),
                    body -> client.sendMessage(
                            request -> request.queueUrl(queueUrl).messageBody(body)));
        }
        try {
            EmbeddedS3 s3 = EmbeddedS3.start(properties, dataDirectory, targets);
            return new LocalStack(properties, dataDirectory.toAbsolutePath(), sqs, s3);
        } catch (RuntimeException e) {
            sqs.close();
            throw e;
        }
    }

    public LocalStackProperties properties() {
        return properties;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String s3Endpoint() {
        return properties.s3Endpoint();
    }

    public String sqsEndpoint() {
        return properties.sqsEndpoint();
    }

    public String region() {
        return properties.region();
    }

    public String queueUrl(String name) {
        return sqs.queueUrl(name);
    }

    @Override
    public void close() throws Exception {
        try {
            s3.close();
        } finally {
            sqs.close();
        }
    }
}
