package io.tidewater.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.local.demo.InventoryReport;
import io.tidewater.local.demo.InventoryReportGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One generated S3 Inventory report, delivered again and again as new reports: every delivery is a new
 * {@code manifest.json} (one minute later, so a new idempotency key) over the same data files. Generating and uploading
 * the data once keeps the repetitions about loading, not about writing test data.
 */
final class InventoryDeliveries {

    static final String DESTINATION_BUCKET = "tidewater-inventory";
    private static final DateTimeFormatter FOLDER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A report delivered: its key, when its completion marker went up, and its files as the loader reads them. */
    record Delivery(String idempotencyKey, long markerUploadedMillis, String inventoryDate, Instant createdAt) {}

    private final S3Client s3;
    private final InventoryReport report;
    private final Instant firstCreatedAt;
    private final ObjectNode manifest;
    private final Path directory;

    private InventoryDeliveries(
            S3Client s3, InventoryReport report, Instant firstCreatedAt, ObjectNode manifest, Path directory) {
        this.s3 = s3;
        this.report = report;
        this.firstCreatedAt = firstCreatedAt;
        this.manifest = manifest;
        this.directory = directory;
    }

    /** Generates the report from the seed and uploads its data files (not yet a manifest). */
    static InventoryDeliveries prepare(S3Client s3, Path directory, String sourceBucket, long rows, int files) {
        // A fixed day keeps every delivery in one inventory_date partition; minutes separate the deliveries.
        Instant createdAt = Instant.parse("2026-01-05T01:00:00Z");
        InventoryReport report =
                new InventoryReportGenerator(42).generate(directory, sourceBucket, rows, files, createdAt);
        for (InventoryReport.UploadedFile file : report.dataFiles()) {
            s3.putObject(
                    request -> request.bucket(DESTINATION_BUCKET).key(file.key()), RequestBody.fromFile(file.path()));
        }
        try {
            ObjectNode manifest = (ObjectNode) JSON.readTree(report.manifest().path().toFile());
            return new InventoryDeliveries(s3, report, createdAt, manifest, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the generated manifest: " + e.getMessage(), e);
        }
    }

    long rows() {
        return report.rows();
    }

    long compressedBytes() {
        return report.dataFiles().stream()
                .mapToLong(file -> sizeOf(file.path()))
                .sum();
    }

    /** The data files as {@code s3://} URIs, which the baselines read through S3A as the loader does. */
    List<String> dataFileUris() {
        return report.dataFiles().stream()
                .map(file -> "s3://" + DESTINATION_BUCKET + "/" + file.key())
                .toList();
    }

    /** The data files as a load job names them, with the manifest's sizes and MD5s. */
    List<io.tidewater.contract.SourceFile> sourceFiles() {
        List<io.tidewater.contract.SourceFile> files = new java.util.ArrayList<>();
        manifest.get("files")
                .forEach(file -> files.add(new io.tidewater.contract.SourceFile(
                        "s3://" + DESTINATION_BUCKET + "/" + file.get("key").asText(),
                        file.get("size").asLong(),
                        file.get("MD5checksum").asText())));
        return files;
    }

    String configurationId() {
        return report.configurationId();
    }

    String sourceBucket() {
        return report.sourceBucket();
    }

    /**
     * Uploads delivery {@code number}'s manifest.json and then its manifest.checksum, the completion marker the
     * pipeline starts on; the clock starts just before the marker's upload.
     */
    Delivery deliver(int number) {
        Instant createdAt = firstCreatedAt.plus(number, ChronoUnit.MINUTES);
        ObjectNode delivered = manifest.deepCopy();
        delivered.put("creationTimestamp", String.valueOf(createdAt.toEpochMilli()));
        String folder = "inventory/%s/%s/%s/"
                .formatted(report.sourceBucket(), report.configurationId(), FOLDER_TIME.format(createdAt));
        try {
            byte[] manifestBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(delivered);
            byte[] checksum = (md5(manifestBytes) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            s3.putObject(
                    request -> request.bucket(DESTINATION_BUCKET).key(folder + "manifest.json"),
                    RequestBody.fromBytes(manifestBytes));
            long markerUploaded = System.currentTimeMillis();
            s3.putObject(
                    request -> request.bucket(DESTINATION_BUCKET).key(folder + "manifest.checksum"),
                    RequestBody.fromBytes(checksum));
            String key = "s3-inventory/%s/%s/%d"
                    .formatted(report.sourceBucket(), report.configurationId(), createdAt.toEpochMilli());
            return new Delivery(key, markerUploaded, createdAt.toString().substring(0, 10), createdAt);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write manifest of delivery " + number + ": " + e.getMessage(), e);
        }
    }

    Path directory() {
        return directory;
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot size " + path + ": " + e.getMessage(), e);
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute MD5: the JVM lacks it", e);
        }
    }
}
