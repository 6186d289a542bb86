package io.tidewater.inventory.crawl;

import static java.util.Objects.requireNonNull;

import io.tidewater.inventory.config.InventoryProperties;
import io.tidewater.inventory.config.InventoryProperties.Limits;
import io.tidewater.inventory.insight.InventoryInsights;
import io.tidewater.inventory.manifest.InvalidReportException;
import io.tidewater.inventory.manifest.ManifestReader.ResolvedFile;
import io.tidewater.inventory.manifest.ManifestReader.VerifiedManifest;
import jakarta.annotation.PreDestroy;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Streams every data file of a report once, computing its MD5 and counting its rows into {@link InventoryInsights} in
 * the same pass.
 */
// One pass serves both needs: MD5 needs every byte anyway, so exact insights cost no extra download, whereas ORC and
// Parquet column statistics cannot group by storage class and the loader's table is reachable only through Spark.
@Component
public class ReportScanner {

    private final S3Client s3;
    private final Limits limits;
    private final ExecutorService readers;

    ReportScanner(S3Client s3, InventoryProperties properties) {
        this.s3 = s3;
        this.limits = properties.limits();
        AtomicInteger threads = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
            Thread thread = new Thread(task, "inventory-scan-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * How the report's files are laid out.
     *
     * @param fileFormat {@code CSV}, {@code ORC} or {@code Parquet}
     * @param columns the snake_case column names, in file order for CSV
     * @param header whether each CSV file starts with a header row
     */
    public record Layout(String fileFormat, List<String> columns, boolean header) {
        public Layout {
            requireNonNull(fileFormat, "fileFormat is null");
            columns = List.copyOf(requireNonNull(columns, "columns is null"));
        }
    }

    /** One data file as read: its MD5 and rows. */
    public record FileScan(String key, String md5, long rows) {}

    /**
     * What the pass found.
     *
     * @param insights the report's figures; only meaningful when {@code mismatches} is empty
     * @param files every file, in manifest order
     * @param mismatches one message per file whose MD5 differs from the manifest's
     * @param millis how long the pass took
     */
    public record Scan(InventoryInsights insights, List<FileScan> files, List<String> mismatches, long millis) {
        public Scan {
            files = List.copyOf(files);
            mismatches = List.copyOf(mismatches);
        }

        public long rows() {
            return files.stream().mapToLong(FileScan::rows).sum();
        }

        /** @throws InvalidReportException naming every mismatched file and both MD5s */
        public void requireChecksumsMatch() {
            if (!mismatches.isEmpty()) {
                throw new InvalidReportException(String.join("; ", mismatches));
            }
        }
    }

    /**
     * Reads every file of the report.
     *
     * @throws InvalidReportException when a file whose MD5 matches cannot be read as its format
     * @throws UncheckedIOException when reading from S3 failed for a reason that may pass
     */
    public Scan scan(VerifiedManifest verified, Layout layout) {
        long started = System.nanoTime();
        String bucket = verified.location().bucket();
        // Files are read side by side, each into its own counter; gunzip and CSV parsing take a core each.
        List<Future<FileRead>> reads = new ArrayList<>();
        for (ResolvedFile file : verified.files()) {
            reads.add(readers.submit(() -> read(bucket, file, layout)));
        }
        InsightCounter counter = new InsightCounter(new HashSet<>(layout.columns()));
        List<FileScan> files = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (int index = 0; index < reads.size(); index++) {
            ResolvedFile file = verified.files().get(index);
            FileRead read = await(reads, index);
            String declared = file.declared().md5Checksum();
            if (declared != null && !declared.isBlank() && !declared.equalsIgnoreCase(read.md5())) {
                mismatches.add("Cannot accept report s3://%s/%s: data file %s has MD5 %s but the manifest says %s"
                        .formatted(bucket, verified.location().manifestKey(), file.key(), read.md5(), declared));
            } else if (read.failure() != null) {
                reads.forEach(pending -> pending.cancel(true));
                throw read.failure();
            } else {
                // Rows of a file go to the counter only once its checksum is known to match.
                counter.merge(read.counter());
            }
            files.add(new FileScan(file.key(), read.md5(), read.rows()));
        }
        return new Scan(counter.insights(), files, mismatches, (System.nanoTime() - started) / 1_000_000);
    }

    /** The file's read, or its failure as the read threw it; the reads after it are cancelled then. */
    private static FileRead await(List<Future<FileRead>> reads, int index) {
        try {
            return reads.get(index).get();
        } catch (InterruptedException e) {
            reads.forEach(pending -> pending.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot scan the report's data files: interrupted", e);
        } catch (ExecutionException e) {
            reads.forEach(pending -> pending.cancel(true));
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("Cannot scan the report's data files: " + e.getCause(), e.getCause());
        }
    }

    @PreDestroy
    void close() {
        readers.shutdownNow();
    }

    private record FileRead(String md5, long rows, InsightCounter counter, InvalidReportException failure) {}

    private FileRead read(String bucket, ResolvedFile file, Layout layout) {
        InsightCounter counter = new InsightCounter(new HashSet<>(layout.columns()));
        MessageDigest md5 = md5();
        String key = file.key();
        String uri = "s3://" + bucket + "/" + key;
        try (InputStream object = new S3Reads(
                        s3.getObject(request -> request.bucket(bucket).key(key)));
                DigestInputStream digesting = new DigestInputStream(new BufferedInputStream(object, 1 << 16), md5)) {
            long size = file.declared().size();
            RowReader reader =
                    switch (layout.fileFormat().toUpperCase(Locale.ROOT)) {
                        case "CSV" -> (in, rows) -> CsvRows.read(in, uri, size, layout, limits, rows);
                        case "ORC" -> (in, rows) -> ColumnarRows.orc(spool(in), rows);
                        case "PARQUET" -> (in, rows) -> ColumnarRows.parquet(spool(in), rows);
                        default ->
                            throw new InvalidReportException(
                                    "Cannot read %s: unknown file format %s".formatted(uri, layout.fileFormat()));
                    };
            InvalidReportException failure = null;
            long rows = 0;
            try {
                rows = reader.read(digesting, counter);
            } catch (IOException | RuntimeException e) {
                if (S3Reads.failedReading(e)) {
                    throw e;
                }
                failure = e instanceof InvalidReportException invalid
                        ? invalid
                        : new InvalidReportException("Cannot read data file %s: %s".formatted(uri, e.getMessage()), e);
            }
            digesting.transferTo(OutputStream.nullOutputStream());
            return new FileRead(HexFormat.of().formatHex(md5.digest()), rows, counter, failure);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read data file %s: %s".formatted(uri, e.getMessage()), e);
        }
    }

    @FunctionalInterface
    private interface RowReader {
        long read(InputStream in, InsightCounter counter) throws IOException;
    }

    /** ORC and Parquet readers need random access: the file goes to local disk on its way through the digest. */
    private static Path spool(InputStream in) throws IOException {
        Path file = Files.createTempFile("tidewater-inventory-", ".data");
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        return file;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute MD5: the JVM lacks it", e);
        }
    }

    /**
     * Inventory CSV through commons-csv: every field quoted, gzip, no header unless the layout says so. A record with
     * the wrong field count or a size that is no number is left out of the insights (the loader quarantines it); a
     * line beyond the length limit, bytes that are not UTF-8, gzip that inflates beyond the limits or a record that
     * does not parse at all (an unterminated quote) refuse the whole file.
     */
    static final class CsvRows {
        private static final byte[] BYTE_ORDER_MARK = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

        private CsvRows() {}

        /**
         * @param compressedBytes the file's size in S3, for the compression ratio
         * @return the records read, malformed ones included
         */
        static long read(
                InputStream raw, String uri, long compressedBytes, Layout layout, Limits limits, InsightCounter counter)
                throws IOException {
            PushbackInputStream in = new PushbackInputStream(raw, 2);
            byte[] magic = in.readNBytes(2);
            in.unread(magic);
            InputStream text = magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b
                    ? new InflationLimit(new GZIPInputStream(in, 1 << 16), uri, compressedBytes, limits)
                    : in;
            PushbackInputStream start = new PushbackInputStream(text, BYTE_ORDER_MARK.length);
            byte[] first = start.readNBytes(BYTE_ORDER_MARK.length);
            if (Arrays.equals(first, BYTE_ORDER_MARK)) {
                // S3 never writes one: the file was written, or rewritten, by something else.
                throw new InvalidReportException(
                        "Cannot read data file %s: it starts with a UTF-8 byte-order mark, which S3 Inventory never writes"
                                .formatted(uri));
            }
            start.unread(first);
            List<String> columns = layout.columns();
            int latest = columns.indexOf(InsightCounter.IS_LATEST);
            int deleteMarker = columns.indexOf(InsightCounter.IS_DELETE_MARKER);
            int size = columns.indexOf(InsightCounter.SIZE);
            int storageClass = columns.indexOf(InsightCounter.STORAGE_CLASS);
            int encryption = columns.indexOf(InsightCounter.ENCRYPTION_STATUS);
            int checksum = columns.indexOf(InsightCounter.CHECKSUM_ALGORITHM);
            long rows = 0;
            CSVParser parser = CSVFormat.RFC4180.parse(new LineLengthLimit(start, uri, limits.maxLineChars()));
            boolean skipHeader = layout.header();
            try {
                for (CSVRecord record : parser) {
                    if (skipHeader) {
                        skipHeader = false;
                        continue;
                    }
                    rows++;
                    if (record.size() != columns.size() || !isNumber(record, size)) {
                        continue;
                    }
                    counter.add(
                            bool(record, latest),
                            bool(record, deleteMarker),
                            number(record, size),
                            text(record, storageClass),
                            text(record, encryption),
                            text(record, checksum));
                }
            } catch (UncheckedIOException e) {
                if (S3Reads.failedReading(e) || !(e.getCause() instanceof IOException)) {
                    throw e;
                }
                throw new InvalidReportException(
                        "Cannot read data file %s: record %d does not parse: %s"
                                .formatted(uri, rows + 1, e.getCause().getMessage()),
                        e);
            }
            return rows;
        }

        private static String text(CSVRecord record, int index) {
            if (index < 0) {
                return null;
            }
            String value = record.get(index);
            return value.isEmpty() ? null : value;
        }

        private static Boolean bool(CSVRecord record, int index) {
            String value = text(record, index);
            return value == null ? null : Boolean.valueOf(value.equalsIgnoreCase("true"));
        }

        private static boolean isNumber(CSVRecord record, int index) {
            String value = text(record, index);
            if (value == null) {
                return true;
            }
            try {
                Long.parseLong(value);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static Long number(CSVRecord record, int index) {
            String value = text(record, index);
            return value == null ? null : Long.valueOf(value);
        }
    }
}
