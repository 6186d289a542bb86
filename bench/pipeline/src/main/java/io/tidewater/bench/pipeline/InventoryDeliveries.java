package io.tidewater.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.SparkSession;
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

    /** A data file on local disk and the key it was uploaded to. */
    record DataFile(Path path, String key) {}

    private final S3Client s3;
    private final InventoryReport report;
    private final List<DataFile> dataFiles;
    private final InventoryFileFormat format;
    private final Instant firstCreatedAt;
    private final ObjectNode manifest;
    private final Path directory;

    private InventoryDeliveries(
            S3Client s3,
            InventoryReport report,
            List<DataFile> dataFiles,
            InventoryFileFormat format,
            Instant firstCreatedAt,
            ObjectNode manifest,
            Path directory) {
        this.s3 = s3;
        this.report = report;
        this.dataFiles = List.copyOf(dataFiles);
        this.format = format;
        this.firstCreatedAt = firstCreatedAt;
        this.manifest = manifest;
        this.directory = directory;
    }

    /** Generates a CSV report from the seed and uploads its data files (not yet a manifest). */
    static InventoryDeliveries prepare(S3Client s3, Path directory, String sourceBucket, long rows, int files) {
        return prepare(s3, null, directory, sourceBucket, rows, files, InventoryFileFormat.CSV);
    }

    /**
     * Generates the report from the seed in the given format and uploads its data files (not yet a manifest). Parquet
     * and ORC are written from the generated CSV by Spark, so every format holds the same rows.
     */
    static InventoryDeliveries prepare(
            S3Client s3,
            SparkSession spark,
            Path directory,
            String sourceBucket,
            long rows,
            int files,
            InventoryFileFormat format) {
        // A fixed day keeps every delivery in one inventory_date partition; minutes separate the deliveries.
        Instant createdAt = Instant.parse("2026-01-05T01:00:00Z");
        InventoryReport report =
                new InventoryReportGenerator(42).generate(directory, sourceBucket, rows, files, createdAt);
        try {
            ObjectNode manifest = (ObjectNode) JSON.readTree(report.manifest().path().toFile());
            List<DataFile> dataFiles = new ArrayList<>();
            if (format == InventoryFileFormat.CSV) {
                report.dataFiles().forEach(file -> dataFiles.add(new DataFile(file.path(), file.key())));
            } else {
                String dataFolder = "inventory/%s/%s/data/".formatted(sourceBucket, report.configurationId());
                ArrayNode entries = manifest.putArray("files");
                List<Path> csv = report.dataFiles().stream()
                        .map(InventoryReport.UploadedFile::path)
                        .toList();
                for (ColumnarInventoryWriter.WrittenFile written :
                        ColumnarInventoryWriter.write(spark, csv, format, files, directory)) {
                    dataFiles.add(new DataFile(written.path(), dataFolder + written.name()));
                    ObjectNode entry = entries.addObject();
                    entry.put("key", dataFolder + written.name());
                    entry.put("size", written.size());
                    entry.put("MD5checksum", written.md5());
                }
                manifest.put("fileFormat", format.manifestName());
                // S3 names the columnar schema here; the crawl reads the files' footers instead.
                manifest.put("fileSchema", format == InventoryFileFormat.PARQUET
                        ? "message s3.inventory { required binary bucket (STRING); required binary key (STRING); ... }"
                        : "struct<bucket:string,key:string,...>");
            }
            for (DataFile file : dataFiles) {
                s3.putObject(
                        request -> request.bucket(DESTINATION_BUCKET).key(file.key()),
                        RequestBody.fromFile(file.path()));
            }
            return new InventoryDeliveries(s3, report, dataFiles, format, createdAt, manifest, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the generated manifest: " + e.getMessage(), e);
        }
    }

    InventoryFileFormat format() {
        return format;
    }

    long rows() {
        return report.rows();
    }

    long compressedBytes() {
        return dataFiles.stream()
                .mapToLong(file -> sizeOf(file.path()))
                .sum();
    }

    /** The data files as {@code s3://} URIs, which the baselines read through S3A as the loader does. */
    List<String> dataFileUris() {
        return dataFiles.stream()
                .map(file -> "s3://" + DESTINATION_BUCKET + "/" + file.key())
                .toList();
    }

    /** The data files as a load job names them, with the manifest's sizes and MD5s. */
    List<io.tidewater.contract.SourceFile> sourceFiles() {
        List<io.tidewater.contract.SourceFile> files = new ArrayList<>();
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
