package io.tidewater.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.contract.S3InventoryField;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a realistic CSV S3 Inventory report from a seed: versioned objects with delete markers and noncurrent
 * versions, keys with spaces and symbols (URL-encoded, as S3 writes them), several storage classes and encryption
 * states, every field double-quoted, no header, gzip — the way real reports look.
 */
public final class InventoryReportGenerator {

    /** Every field S3 wrote before the access-control list, owner and lifecycle fields, as real reports do. */
    static final List<String> FIELDS =
            EnumSet.range(S3InventoryField.BUCKET, S3InventoryField.CHECKSUM_ALGORITHM).stream()
                    .map(S3InventoryField::fieldName)
                    .toList();

    private static final String[] STORAGE_CLASSES = {
        "STANDARD", "STANDARD", "STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "DEEP_ARCHIVE"
    };
    private static final String[] ENCRYPTION = {"SSE-S3", "SSE-S3", "SSE-KMS", "NOT-SSE"};
    private static final String[] CHECKSUMS = {"", "", "CRC32", "SHA256", "CRC64NVME"};
    private static final String[] FOLDERS = {"logs/app", "images/2026", "backups/db", "exports/q3 reports", "raw+data"};
    private static final DateTimeFormatter FOLDER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;

    public InventoryReportGenerator(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Writes the report under {@code directory}.
     *
     * @param sourceBucket the bucket the report lists
     * @param rows how many rows in all
     * @param files how many data files the rows are spread over
     * @param createdAt when the inventory scan started
     */
    public InventoryReport generate(Path directory, String sourceBucket, long rows, int files, Instant createdAt) {
        String configurationId = "daily-full";
        String configurationFolder = "inventory/" + sourceBucket + "/" + configurationId + "/";
        String reportFolder = configurationFolder + FOLDER_TIME.format(createdAt) + "/";
        try {
            Files.createDirectories(directory);
            List<InventoryReport.UploadedFile> dataFiles = new ArrayList<>();
            ArrayNode manifestFiles = JSON.createArrayNode();
            long written = 0;
            for (int file = 0; file < files; file++) {
                long fileRows = rows / files + (file < rows % files ? 1 : 0);
                String name = "%s-%05d.csv.gz".formatted(Long.toHexString(random.nextLong()), file);
                Path path = directory.resolve(name);
                String md5 = writeDataFile(path, sourceBucket, written, fileRows, createdAt);
                written += fileRows;
                String key = configurationFolder + "data/" + name;
                dataFiles.add(new InventoryReport.UploadedFile(path, key));
                ObjectNode entry = manifestFiles.addObject();
                entry.put("key", key);
                entry.put("size", Files.size(path));
                entry.put("MD5checksum", md5);
            }
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("sourceBucket", sourceBucket);
            manifest.put("destinationBucket", "arn:aws:s3:::tidewater-inventory");
            manifest.put("version", "2016-11-30");
            manifest.put("creationTimestamp", String.valueOf(createdAt.toEpochMilli()));
            manifest.put("fileFormat", "CSV");
            manifest.put("fileSchema", String.join(", ", FIELDS));
            manifest.set("files", manifestFiles);
            byte[] manifestBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            Path manifestPath = Files.write(directory.resolve("manifest.json"), manifestBytes);
            Path checksumPath = Files.writeString(directory.resolve("manifest.checksum"), md5(manifestBytes) + "\n");
            return new InventoryReport(
                    sourceBucket,
                    configurationId,
                    reportFolder,
                    List.copyOf(dataFiles),
                    new InventoryReport.UploadedFile(manifestPath, reportFolder + "manifest.json"),
                    new InventoryReport.UploadedFile(checksumPath, reportFolder + "manifest.checksum"),
                    rows);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write inventory report under " + directory + ": " + e.getMessage(), e);
        }
    }

    private String writeDataFile(Path path, String bucket, long firstRow, long rows, Instant createdAt)
            throws IOException {
        MessageDigest digest = newMd5();
        try (OutputStream file = Files.newOutputStream(path);
                DigestOutputStream digesting = new DigestOutputStream(file, digest);
                GZIPOutputStream gzip = new GZIPOutputStream(digesting, 1 << 16);
                BufferedWriter out =
                        new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16)) {
            for (long row = firstRow; row < firstRow + rows; row++) {
                writeRow(out, bucket, row, createdAt);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void writeRow(BufferedWriter out, String bucket, long row, Instant createdAt) throws IOException {
        boolean deleteMarker = random.nextInt(50) == 0;
        boolean latest = deleteMarker || random.nextInt(5) != 0;
        String key =
                FOLDERS[(int) (row % FOLDERS.length)] + "/object " + row + (row % 7 == 0 ? " (copy)" : "") + ".dat";
        Instant modified = createdAt.minus(random.nextInt(400 * 24 * 60), ChronoUnit.MINUTES);
        String[] values = new String[FIELDS.size()];
        values[0] = bucket;
        values[1] = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
        values[2] = Long.toHexString(random.nextLong()) + Long.toHexString(row);
        values[3] = String.valueOf(latest);
        values[4] = String.valueOf(deleteMarker);
        values[5] = deleteMarker ? "" : String.valueOf((long) Math.exp(random.nextDouble() * 20));
        values[6] = DateTimeFormatter.ISO_INSTANT
                .format(modified.truncatedTo(ChronoUnit.SECONDS))
                .replace("Z", ".000Z");
        values[7] = deleteMarker ? "" : HexFormat.of().formatHex(longBytes(random.nextLong(), random.nextLong()));
        values[8] = deleteMarker ? "" : STORAGE_CLASSES[random.nextInt(STORAGE_CLASSES.length)];
        values[9] = deleteMarker ? "" : String.valueOf(random.nextInt(10) == 0);
        values[10] = "";
        values[11] = deleteMarker ? "" : ENCRYPTION[random.nextInt(ENCRYPTION.length)];
        values[12] = "";
        values[13] = "";
        values[14] = "";
        values[15] = "INTELLIGENT_TIERING".equals(values[8]) ? "FREQUENT" : "";
        values[16] = "DISABLED";
        values[17] = deleteMarker ? "" : CHECKSUMS[random.nextInt(CHECKSUMS.length)];
        for (int index = 0; index < values.length; index++) {
            if (index > 0) {
                out.write(',');
            }
            out.write('"');
            out.write(values[index]);
            out.write('"');
        }
        out.write('\n');
    }

    private static byte[] longBytes(long first, long second) {
        byte[] bytes = new byte[16];
        for (int index = 0; index < 8; index++) {
            bytes[index] = (byte) (first >>> (8 * index));
            bytes[index + 8] = (byte) (second >>> (8 * index));
        }
        return bytes;
    }

    private static String md5(byte[] bytes) {
        return HexFormat.of().formatHex(newMd5().digest(bytes));
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute MD5: the JVM lacks it", e);
        }
    }
}
