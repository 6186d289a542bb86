package io.tidewater.local.faults;

import io.tidewater.contract.ReportArrived;
import io.tidewater.local.stack.LocalCatalog;
import io.tidewater.local.stack.LocalStackProperties;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.util.SnapshotUtil;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Looks at a running stack from outside, as an operator can: the Iceberg table's snapshots through the catalog, the
 * queues and dead-letter queues through SQS, the inventory service's report ledger in the data directory. Nothing
 * here changes what it looks at, except that dead-lettered messages are received (and kept in view) to be read.
 */
public final class PipelineProbe implements AutoCloseable {

    /** The table the inventory pipeline loads. */
    public static final TableIdentifier INVENTORY_TABLE = TableIdentifier.of("inventory", "objects");

    static final String IDEMPOTENCY_KEY = "tidewater.idempotency-key";
    static final String COMPETING_WRITER = "tidewater.test.competing-writer";
    static final String FAILURE_REASON = "tidewater-failure-reason";

    /** One snapshot of the table's current ancestry, oldest first. */
    public record Commit(
            long snapshotId, long timestampMillis, String idempotencyKey, String competingWriter, long addedRecords) {}

    /** A message on a dead-letter queue, with the reason the service gave (null if it was redriven without one). */
    public record DeadLetter(String queue, String messageId, String body, String reason) {}

    /** The table as it is now: its ancestry, staged snapshots never published, and its total row count. */
    public record TableState(List<Commit> ancestry, int unpublishedStaged, long totalRecords) {
        static final TableState NO_TABLE = new TableState(List.of(), 0, 0);
    }

    private final LocalStackProperties properties;
    private final Path dataDirectory;
    private final S3Client s3;
    private final SqsClient sqs;
    private final Map<String, DeadLetter> deadLetters = new LinkedHashMap<>();

    public PipelineProbe(LocalStackProperties properties, Path dataDirectory) {
        this.properties = properties;
        this.dataDirectory = dataDirectory;
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(properties.s3Endpoint()))
                .region(Region.of(properties.region()))
                .forcePathStyle(true)
                .credentialsProvider(credentials)
                .build();
        this.sqs = SqsClient.builder()
                .endpointOverride(URI.create(properties.sqsEndpoint()))
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials)
                .build();
    }

    public S3Client s3() {
        return s3;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String queueUrl(String queue) {
        return sqs.getQueueUrl(request -> request.queueName(queue)).queueUrl();
    }

    public Catalog openCatalog() {
        return LocalCatalog.open(dataDirectory, properties.s3Endpoint(), properties.region());
    }

    /** The table's state; {@link TableState#NO_TABLE} before the first load creates it. */
    public TableState table() {
        Catalog catalog = openCatalog();
        try {
            if (!catalog.tableExists(INVENTORY_TABLE)) {
                return TableState.NO_TABLE;
            }
            Table table = catalog.loadTable(INVENTORY_TABLE);
            if (table.currentSnapshot() == null) {
                return TableState.NO_TABLE;
            }
            List<Commit> ancestry = new ArrayList<>();
            Set<Long> ancestorIds = new HashSet<>();
            for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
                ancestorIds.add(snapshot.snapshotId());
                Map<String, String> summary = snapshot.summary();
                ancestry.add(
                        0,
                        new Commit(
                                snapshot.snapshotId(),
                                snapshot.timestampMillis(),
                                idempotencyKey(summary),
                                summary.get(COMPETING_WRITER),
                                Long.parseLong(summary.getOrDefault(SnapshotSummary.ADDED_RECORDS_PROP, "0"))));
            }
            int unpublished = (int) StreamSupport.stream(table.snapshots().spliterator(), false)
                    .filter(snapshot -> !ancestorIds.contains(snapshot.snapshotId()))
                    .filter(snapshot -> snapshot.summary().containsKey(SnapshotSummary.STAGED_WAP_ID_PROP))
                    .count();
            long total = Long.parseLong(
                    table.currentSnapshot().summary().getOrDefault(SnapshotSummary.TOTAL_RECORDS_PROP, "0"));
            return new TableState(List.copyOf(ancestry), unpublished, total);
        } finally {
            closeQuietly(catalog);
        }
    }

    /**
     * The load a snapshot holds, as the loader reads it: its own summary property when Spark's snapshot was published
     * as it was staged, the write-audit-publish id when Iceberg's cherry-pick had to create a new snapshot on top of a
     * concurrent commit (that snapshot keeps no other property of the staged one).
     */
    private static String idempotencyKey(Map<String, String> summary) {
        String key = summary.get(IDEMPOTENCY_KEY);
        if (key == null) {
            key = summary.get(SnapshotSummary.PUBLISHED_WAP_ID_PROP);
        }
        return key != null ? key : summary.get(SnapshotSummary.STAGED_WAP_ID_PROP);
    }

    /** Every message that reached a dead-letter queue so far (messages stay in view once read). */
    public synchronized List<DeadLetter> deadLetters() {
        for (LocalStackProperties.Queue queue : properties.sqs().queues()) {
            String name = queue.deadLetterQueueName();
            String url = queueUrl(name);
            List<Message> received;
            do {
                received = sqs.receiveMessage(request -> request.queueUrl(url)
                                .maxNumberOfMessages(10)
                                .visibilityTimeout(60)
                                .messageAttributeNames("All"))
                        .messages();
                for (Message message : received) {
                    var reason = message.messageAttributes().get(FAILURE_REASON);
                    deadLetters.putIfAbsent(
                            message.messageId(),
                            new DeadLetter(
                                    name,
                                    message.messageId(),
                                    message.body(),
                                    reason == null ? null : reason.stringValue()));
                }
            } while (!received.isEmpty());
        }
        return List.copyOf(deadLetters.values());
    }

    /** Messages waiting, in flight or delayed on the pipeline's own queues (not the dead-letter queues). */
    public long pendingMessages() {
        long pending = 0;
        for (LocalStackProperties.Queue queue : properties.sqs().queues()) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(
                            request -> request.queueUrl(queueUrl(queue.name()))
                                    .attributeNames(
                                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                    .attributes();
            pending += attributes.values().stream().mapToLong(Long::parseLong).sum();
        }
        return pending;
    }

    /** The report ledger's rows per idempotency key and status, such as {@code SUCCEEDED=1, SENT=1}. */
    public Map<String, Map<String, Integer>> ledgerStatuses() {
        Path ledger = dataDirectory.resolve("inventory-service.db");
        Map<String, Map<String, Integer>> statuses = new LinkedHashMap<>();
        if (!Files.exists(ledger)) {
            return statuses;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + ledger);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000");
            try (ResultSet rows = statement.executeQuery("SELECT coalesce(idempotency_key, manifest_key) AS report,"
                    + " status, count(*) AS n FROM reports GROUP BY 1, 2 ORDER BY 1, 2")) {
                while (rows.next()) {
                    statuses.computeIfAbsent(rows.getString("report"), key -> new LinkedHashMap<>())
                            .put(rows.getString("status"), rows.getInt("n"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the report ledger " + ledger + ": " + e.getMessage(), e);
        }
        return statuses;
    }

    /** How many of the workflow trigger's runs are in each state, such as {@code SUCCEEDED=12, CRAWLED=1}. */
    public Map<String, Integer> runStates() {
        Path ledger = dataDirectory.resolve("workflow-trigger.db");
        Map<String, Integer> states = new LinkedHashMap<>();
        if (!Files.exists(ledger)) {
            return states;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + ledger);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000");
            try (ResultSet rows =
                    statement.executeQuery("SELECT state, count(*) AS n FROM runs GROUP BY state ORDER BY state")) {
                while (rows.next()) {
                    states.put(rows.getString("state"), rows.getInt("n"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the run ledger " + ledger + ": " + e.getMessage(), e);
        }
        return states;
    }

    /**
     * The {@link ReportArrived} the workflow trigger sent for a completion marker, rebuilt from its run ledger, so that
     * a test can deliver it again; empty until the trigger has a run for the marker.
     */
    public Optional<ReportArrived> reportArrived(String bucket, String markerKey) {
        Path ledger = dataDirectory.resolve("workflow-trigger.db");
        if (!Files.exists(ledger)) {
            return Optional.empty();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + ledger);
                PreparedStatement statement = connection.prepareStatement("SELECT run_id, pipeline, version_id, etag,"
                        + " size, event_time FROM runs WHERE bucket = ? AND object_key = ? ORDER BY created_at")) {
            statement.setString(1, bucket);
            statement.setString(2, markerKey);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ReportArrived(
                        rows.getString("run_id"),
                        rows.getString("pipeline"),
                        bucket,
                        markerKey,
                        rows.getString("version_id"),
                        rows.getString("etag"),
                        rows.getLong("size"),
                        Instant.ofEpochMilli(rows.getLong("event_time"))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the run ledger " + ledger + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Catalog catalog) {
        if (catalog instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot close the catalog: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        s3.close();
        sqs.close();
    }
}
