package io.tidewater.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidewater.billing.BillingServiceApplication;
import io.tidewater.inventory.InventoryServiceApplication;
import io.tidewater.loader.IcebergLoaderApplication;
import io.tidewater.loader.config.LoaderProperties;
import io.tidewater.loader.sql.ReadOnlySql;
import io.tidewater.trigger.WorkflowTriggerApplication;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The scenario of {@link InventoryPipelineIT} against LocalStack instead of the embedded servers: S3 event, trigger,
 * inventory service, loader, Iceberg. LocalStack gets its buckets, queues and notifications from the same init script
 * as docker-compose.yml.
 *
 * <p>Skipped when Docker is not available: the LocalStack run of the pipeline IT is skipped; the embedded run covers
 * the same behaviour. The setup is duplicated from {@code LocalServices} and {@code LocalPipeline} rather than shared,
 * because those take the embedded {@code LocalStack} and are being changed by other work.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStackContainerPipelineIT {

    private static final String SAMPLES = "/samples/orcabus-filemanager-inventory/";
    private static final String BUCKET = "tidewater-inventory";
    private static final String SOURCE = "filemanager-inventory-test";
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(90);
    private static final String REGION = "us-east-1";

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
                    DockerImageName.parse("localstack/localstack:4.4"))
            .withServices("s3", "sqs", "sns")
            .withCopyFileToContainer(
                    MountableFile.forHostPath(Path.of("../compose/localstack/init/tidewater.sh"), 0755),
                    "/etc/localstack/init/ready.d/tidewater.sh")
            .waitingFor(Wait.forLogMessage(".*tidewater: buckets, queues and notifications ready.*", 1)
                    .withStartupTimeout(Duration.ofMinutes(3)));

    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private S3Client s3;
    private SqsClient sqs;
    private ReadOnlySql sql;

    @BeforeAll
    void startServices(@TempDir Path dataDirectory) {
        String endpoint = LOCALSTACK.getEndpoint().toString();
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("server.port", "0");
        common.put("tidewater.data-dir", dataDirectory.toString());
        common.put("spring.main.banner-mode", "off");
        common.put("spring.cloud.aws.region.static", REGION);
        common.put("spring.cloud.aws.credentials.access-key", "local");
        common.put("spring.cloud.aws.credentials.secret-key", "local");
        common.put("spring.cloud.aws.sqs.endpoint", endpoint);
        common.put("spring.cloud.aws.s3.endpoint", endpoint);
        common.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
        common.put(
                "spring.autoconfigure.exclude",
                "io.awspring.cloud.autoconfigure.s3.S3TransferManagerAutoConfiguration");

        Map<String, Object> loader = new LinkedHashMap<>(common);
        String catalog = "tidewater.loader.catalog.properties.";
        loader.put(catalog + "uri", "jdbc:sqlite:" + dataDirectory.resolve("catalog.db"));
        loader.put(catalog + "s3.endpoint", endpoint);
        loader.put(catalog + "s3.path-style-access", "true");
        loader.put(catalog + "s3.access-key-id", "local");
        loader.put(catalog + "s3.secret-access-key", "local");
        loader.put(catalog + "client.region", REGION);
        String spark = "tidewater.loader.spark.config.";
        loader.put(spark + "spark.hadoop.fs.s3a.endpoint", endpoint);
        loader.put(spark + "spark.hadoop.fs.s3a.endpoint.region", REGION);
        loader.put(spark + "spark.hadoop.fs.s3a.path.style.access", "true");
        loader.put(spark + "spark.hadoop.fs.s3a.connection.ssl.enabled", "false");
        loader.put(spark + "spark.hadoop.fs.s3a.access.key", "local");
        loader.put(spark + "spark.hadoop.fs.s3a.secret.key", "local");
        loader.put(
                spark + "spark.hadoop.fs.s3a.aws.credentials.provider",
                "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");

        // The loader first, as LocalServices does: the others send it work, and Spark takes longest to start.
        ConfigurableApplicationContext loaderContext = start(IcebergLoaderApplication.application(), loader);
        start(InventoryServiceApplication.application(), common);
        start(BillingServiceApplication.application(), common);
        start(WorkflowTriggerApplication.application(), common);

        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        s3 = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(credentials)
                .build();
        sqs = SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(REGION))
                .credentialsProvider(credentials)
                .build();
        sql = new ReadOnlySql(
                loaderContext.getBean(SparkSession.class),
                loaderContext.getBean(LoaderProperties.class).allCatalogs().keySet(),
                10_000);
    }

    @AfterAll
    void stopServices() {
        for (int index = services.size() - 1; index >= 0; index--) {
            services.get(index).close();
        }
        if (s3 != null) {
            s3.close();
            sqs.close();
        }
    }

    @Test
    void csvReportLoadsItsRowsWithTypedColumnsAndDecodedKeys() {
        uploadReport("csv-config", "2024-05-07T01-00Z", "csv_inventory");

        await().atMost(LOAD_TIMEOUT)
                .untilAsserted(() -> assertThat(rowsOf("csv-config")).isEqualTo(5));
        List<List<Object>> rows = sql.run("SELECT key, version_id, is_latest, size, storage_class "
                        + "FROM inventory.objects WHERE bucket = '" + SOURCE + "' AND key = 'inventory-test/key2' "
                        + "AND is_latest = false")
                .rows();
        assertThat(rows)
                .containsExactly(
                        List.of("inventory-test/key2", "zl_C7NLxrkBsMFD5HQUdybrmuV9VpvkN", false, 5L, "STANDARD"));
    }

    @Test
    void malformedEventGoesToTheDeadLetterQueueWithItsReason() {
        sqs.sendMessage(
                request -> request.queueUrl(queueUrl("tidewater-s3-events")).messageBody("{\"not\": \"an event\"}"));

        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> assertThat(peek("tidewater-s3-events-dlq"))
                .anySatisfy(message -> assertThat(message.messageAttributes()
                                .get("tidewater-failure-reason")
                                .stringValue())
                        .startsWith("Cannot read S3 event: the body has neither Records")));
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder application, Map<String, Object> properties) {
        ConfigurableApplicationContext context =
                application.properties(properties).run();
        services.add(context);
        return context;
    }

    /** Uploads a sample report in AWS's layout and order: data file, manifest.json, manifest.checksum last. */
    private void uploadReport(String configurationId, String timestamp, String sample) {
        String configuration = "inventory/" + SOURCE + "/" + configurationId + "/";
        upload(configuration + "data/" + sample + ".csv.gz", SAMPLES + sample + ".csv.gz");
        upload(configuration + timestamp + "/manifest.json", SAMPLES + sample + "_manifest.json");
        upload(configuration + timestamp + "/manifest.checksum", SAMPLES + sample + "_manifest.checksum");
    }

    private void upload(String key, String resource) {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertThat(in).as("test resource " + resource).isNotNull();
            s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(in.readAllBytes()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot upload " + resource + ": " + e.getMessage(), e);
        }
    }

    private long rowsOf(String configurationId) {
        return ((Number) sql.run("SELECT count(*) FROM inventory.objects WHERE input_file_name() LIKE '%/"
                                + configurationId + "/%'")
                        .rows()
                        .get(0)
                        .get(0))
                .longValue();
    }

    private String queueUrl(String queue) {
        return sqs.getQueueUrl(request -> request.queueName(queue)).queueUrl();
    }

    private List<Message> peek(String queue) {
        return sqs.receiveMessage(request -> request.queueUrl(queueUrl(queue))
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(1)
                        .messageAttributeNames("All"))
                .messages();
    }
}
