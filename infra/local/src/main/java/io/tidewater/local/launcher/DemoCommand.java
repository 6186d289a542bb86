package io.tidewater.local.launcher;

import io.tidewater.loader.config.LoaderProperties;
import io.tidewater.loader.sql.QueryResult;
import io.tidewater.loader.sql.ReadOnlySql;
import io.tidewater.local.demo.InventoryReport;
import io.tidewater.local.demo.InventoryReportGenerator;
import io.tidewater.local.demo.ReportUploader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ./tidewater demo}: the whole pipeline once, on a fresh local stack. A generated inventory report goes in
 * through the S3 API; the demo waits for its rows in the Iceberg table and shows what landed.
 */
@Command(name = "demo", description = "Run the whole pipeline once on a fresh local stack and show what landed.")
final class DemoCommand implements Callable<Integer> {

    static final TableIdentifier INVENTORY_TABLE = TableIdentifier.of("inventory", "objects");

    @Option(
            names = "--rows",
            description = "Rows in the generated inventory report (default: ${DEFAULT-VALUE}).",
            defaultValue = "100000")
    long rows;

    @Option(
            names = "--files",
            description = "Data files the rows are spread over (default: ${DEFAULT-VALUE}).",
            defaultValue = "4")
    int files;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the demo's stack keeps its state; emptied first (default: ${DEFAULT-VALUE}).",
            defaultValue = ".tidewater/demo")
    Path dataDirectory;

    @Option(
            names = "--timeout",
            description = "How long to wait for the load, in seconds (default: ${DEFAULT-VALUE}).",
            defaultValue = "150")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        deleteRecursively(dataDirectory);
        try (RunningStack running = RunningStack.start(dataDirectory, System.out)) {
            Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            String sourceBucket = "demo-media-assets";
            InventoryReport report = new InventoryReportGenerator(42)
                    .generate(dataDirectory.resolve("generated"), sourceBucket, rows, files, createdAt);
            System.out.printf(
                    "Generated an S3 Inventory report of s3://%s: %,d rows in %d CSV.gz files%n",
                    sourceBucket, report.rows(), report.dataFiles().size());

            try (S3Client s3 = s3Client(running)) {
                Instant uploaded = new ReportUploader(s3, "tidewater-inventory").upload(report);
                System.out.printf(
                        "Uploaded data files, manifest.json and s3://tidewater-inventory/%s%n", report.checksumKey());

                String idempotencyKey = "s3-inventory/%s/%s/%d"
                        .formatted(sourceBucket, report.configurationId(), createdAt.toEpochMilli());
                Catalog catalog = running.services().loader().getBean(Catalog.class);
                Duration timeout = Duration.ofSeconds(timeoutSeconds);
                Optional<Snapshot> loaded = PublishedSnapshots.await(catalog, INVENTORY_TABLE, idempotencyKey, timeout);
                if (loaded.isEmpty()) {
                    System.out.printf(
                            "The report did not load within %d s; see the logs in %s%n", timeoutSeconds, dataDirectory);
                    return 1;
                }
                ReadOnlySql sql = new ReadOnlySql(
                        running.services().loader().getBean(SparkSession.class),
                        running.services()
                                .loader()
                                .getBean(LoaderProperties.class)
                                .allCatalogs()
                                .keySet(),
                        100);
                boolean inventoryLanded = printLanded(sql, loaded.get(), report, uploaded, createdAt);
                boolean billingLanded = new BillingDemo(s3, catalog, sql, timeout).run();
                return inventoryLanded && billingLanded ? 0 : 1;
            }
        }
    }

    private boolean printLanded(
            ReadOnlySql sql, Snapshot snapshot, InventoryReport report, Instant uploaded, Instant createdAt) {
        String reportRows = "FROM inventory.objects WHERE bucket = '%s' AND inventory_date = DATE '%s'"
                .formatted(report.sourceBucket(), createdAt.toString().substring(0, 10));
        long landed =
                ((Number) sql.run("SELECT count(*) " + reportRows).rows().get(0).get(0)).longValue();
        long freshness = snapshot.timestampMillis() - uploaded.toEpochMilli();

        System.out.println();
        System.out.println("Landed:");
        System.out.printf("  table      tidewater.inventory.objects%n");
        System.out.printf("  rows       %,d (generated %,d)%n", landed, report.rows());
        System.out.printf(
                "  snapshot   %d (%s)%n",
                snapshot.snapshotId(), snapshot.summary().get(SnapshotSummary.ADDED_FILES_PROP) + " data files");
        System.out.printf("  freshness  %,d ms from manifest.checksum upload to commit%n", freshness);
        System.out.println();
        QueryResult byClass =
                sql.run("SELECT coalesce(storage_class, '(delete marker)') AS storage_class, count(*) AS objects, "
                        + "sum(size) AS bytes " + reportRows + " GROUP BY 1 ORDER BY 2 DESC");
        System.out.println("Objects by storage class:");
        System.out.print(ResultFormat.TABLE.format(byClass));
        return landed == report.rows();
    }

    private static S3Client s3Client(RunningStack running) {
        return S3Client.builder()
                .endpointOverride(URI.create(running.stack().s3Endpoint()))
                .region(Region.of(running.stack().region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty the demo directory " + directory + ": " + e.getMessage(), e);
        }
    }
}
