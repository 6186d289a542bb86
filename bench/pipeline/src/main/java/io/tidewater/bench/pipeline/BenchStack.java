package io.tidewater.bench.pipeline;

import io.tidewater.local.services.LocalServices;
import io.tidewater.local.stack.LocalStack;
import io.tidewater.local.stack.LocalStackProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.Catalog;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The embedded stack and the four services on free ports in an emptied directory, so that a running
 * {@code ./tidewater up} or another engineer's tests on this machine do not clash with the benchmark.
 */
final class BenchStack implements AutoCloseable {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private final LocalStack stack;
    private final LocalServices services;
    private final S3Client s3;
    private final long startMillis;

    private BenchStack(LocalStack stack, LocalServices services, S3Client s3, long startMillis) {
        this.stack = stack;
        this.services = services;
        this.s3 = s3;
        this.startMillis = startMillis;
    }

    static BenchStack start(Path dataDirectory) {
        return start(dataDirectory, Map.of());
    }

    /** @param overrides properties for every service, such as inventory-service's data-file checksum mode */
    static BenchStack start(Path dataDirectory, Map<String, Object> overrides) {
        long started = System.nanoTime();
        LocalStack stack = startStackOnly(dataDirectory);
        try {
            LocalServices services = LocalServices.start(stack, withFreeHttpPorts(overrides));
            S3Client s3 = s3Client(stack);
            return new BenchStack(stack, services, s3, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            try {
                stack.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** S3 and SQS alone on free ports in an emptied directory, for benchmarks that start services themselves. */
    static LocalStack startStackOnly(Path dataDirectory) {
        deleteRecursively(dataDirectory);
        // Queues in memory, as the figures in bench/README.md were measured: SQS in AWS is durable by itself, and the
        // local stack's kept queues (an SQLite write per message) would be measured along with Tidewater.
        return LocalStack.start(
                LocalStackProperties.defaults().withPorts(freePort(), freePort()).withMessagePersistence(false),
                dataDirectory);
    }

    static S3Client s3Client(LocalStack stack) {
        return S3Client.builder()
                .endpointOverride(URI.create(stack.s3Endpoint()))
                .region(Region.of(stack.region()))
                .forcePathStyle(true)
                .credentialsProvider(CREDENTIALS)
                .build();
    }

    static SqsClient sqsClient(LocalStack stack) {
        return SqsClient.builder()
                .endpointOverride(URI.create(stack.sqsEndpoint()))
                .region(Region.of(stack.region()))
                .credentialsProvider(CREDENTIALS)
                .build();
    }

    private static Map<String, Object> withFreeHttpPorts(Map<String, Object> overrides) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>(overrides);
        properties.put("server.port", "0");
        return properties;
    }

    LocalStack stack() {
        return stack;
    }

    S3Client s3() {
        return s3;
    }

    /** The loader's warm session: the baselines run on it too, so that every variant has the same driver. */
    SparkSession spark() {
        return services.loader().getBean(SparkSession.class);
    }

    Catalog catalog() {
        return services.loader().getBean(Catalog.class);
    }

    Path dataDirectory() {
        return stack.dataDirectory();
    }

    long startMillis() {
        return startMillis;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port: " + e.getMessage(), e);
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws Exception {
        s3.close();
        try {
            services.close();
        } finally {
            stack.close();
        }
    }
}
