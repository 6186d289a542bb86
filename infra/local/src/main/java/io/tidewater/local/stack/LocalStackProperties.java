package io.tidewater.local.stack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tidewater.service.messaging.DeadLetters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the local stack creates: the S3 and SQS endpoints, buckets, queues with their dead-letter queues, and which
 * bucket notifies which queue. Read from {@code tidewater-local.yml}.
 */
public record LocalStackProperties(String region, S3 s3, Sqs sqs) {

    public LocalStackProperties {
        requireNonNull(region, "region is null");
        requireNonNull(s3, "s3 is null");
        requireNonNull(sqs, "sqs is null");
    }

    /** The S3 server, its buckets and their event notifications. */
    public record S3(int port, List<String> buckets, List<Notification> notifications) {
        public S3 {
            buckets = List.copyOf(buckets);
            notifications = notifications == null ? List.of() : List.copyOf(notifications);
        }
    }

    /** Objects created in {@code bucket} are announced on {@code queue} in the S3 event notification format. */
    public record Notification(String bucket, String queue) {
        public Notification {
            requireNonNull(bucket, "bucket is null");
            requireNonNull(queue, "queue is null");
        }
    }

    /**
     * The SQS server and its queues. With {@code persist-messages} (the default) queues and their messages are kept in
     * {@code sqs.db} in the data directory, so that a stack stopped in any way, even by {@code kill -9}, comes back with
     * every message it had, in flight ones visible again once their visibility timeout ends, as in SQS.
     */
    public record Sqs(int port, List<Queue> queues, @JsonProperty("persist-messages") Boolean persistMessages) {
        public Sqs {
            queues = List.copyOf(queues);
            persistMessages = persistMessages == null || persistMessages;
        }
    }

    /**
     * A queue and its dead-letter queue {@code <name>-dlq}, which receives a message after {@code maxReceiveCount}
     * failed receives.
     */
    public record Queue(
            String name,
            @JsonProperty("max-receive-count") Integer maxReceiveCount,
            @JsonProperty("visibility-timeout-seconds") Integer visibilityTimeoutSeconds) {
        public Queue {
            requireNonNull(name, "name is null");
            maxReceiveCount = maxReceiveCount == null ? 5 : maxReceiveCount;
            visibilityTimeoutSeconds = visibilityTimeoutSeconds == null ? 30 : visibilityTimeoutSeconds;
        }

        public String deadLetterQueueName() {
            return DeadLetters.queueOf(name);
        }
    }

    /** The same stack on other ports, so that tests can run beside a running {@code ./tidewater up}. */
    public LocalStackProperties withPorts(int s3Port, int sqsPort) {
        return new LocalStackProperties(
                region,
                new S3(s3Port, s3.buckets(), s3.notifications()),
                new Sqs(sqsPort, sqs.queues(), sqs.persistMessages()));
    }

    /**
     * The same stack with its queues in memory only or kept in the data directory. ElasticMQ keeps one message store
     * per JVM, so tests that start several stacks in one JVM keep their queues in memory.
     */
    public LocalStackProperties withMessagePersistence(boolean persistMessages) {
        return new LocalStackProperties(region, s3, new Sqs(sqs.port(), sqs.queues(), persistMessages));
    }

    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3.port();
    }

    public String sqsEndpoint() {
        return "http://127.0.0.1:" + sqs.port();
    }

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The configuration shipped with Tidewater. */
    public static LocalStackProperties defaults() {
        try (InputStream in = LocalStackProperties.class.getResourceAsStream("/tidewater-local.yml")) {
            return YAML.readValue(requireNonNull(in, "tidewater-local.yml is missing"), LocalStackProperties.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled tidewater-local.yml: " + e.getMessage(), e);
        }
    }

    /** A configuration file of the user's. */
    public static LocalStackProperties read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return YAML.readValue(in, LocalStackProperties.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read local stack configuration " + file + ": " + e.getMessage(), e);
        }
    }
}
