package io.tidewater.bench.crawl;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes S3-Inventory-shaped CSV.gz files (18 quoted columns, no header, as AWS writes them) of a given compressed
 * size, streaming, so a 1 GB file needs no more memory than a 1 MB one. A file already there at the right size is kept.
 */
final class InventoryFiles {
    private static final String[] STORAGE_CLASSES = {"STANDARD", "STANDARD_IA", "GLACIER_IR", "INTELLIGENT_TIERING"};
    private static final String[] PREFIXES = {"raw/", "processed/", "logs/2024/", "genomes/run-", "tmp/"};

    private InventoryFiles() {}

    static Path ensure(Path directory, long compressedBytes) throws IOException {
        Path file = directory.resolve("inventory-%s.csv.gz".formatted(Sizes.label(compressedBytes)));
        if (Files.exists(file) && Files.size(file) >= compressedBytes) {
            return file;
        }
        Files.createDirectories(directory);
        Path partial = directory.resolve(file.getFileName() + ".partial");
        long started = System.nanoTime();
        SplittableRandom random = new SplittableRandom(compressedBytes);
        long rows = 0;
        try (CountingStream counted = new CountingStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16));
                OutputStream gzip = new FastGzip(counted)) {
            StringBuilder batch = new StringBuilder(1 << 17);
            while (counted.count < compressedBytes) {
                batch.setLength(0);
                for (int index = 0; index < 512; index++) {
                    row(batch, random, rows++);
                }
                gzip.write(batch.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf(
                "generated %s: %,d rows, %,d bytes in %.1f s%n",
                file.getFileName(), rows, Files.size(file), (System.nanoTime() - started) / 1e9);
        return file;
    }

    private static void row(StringBuilder out, SplittableRandom random, long index) {
        boolean versioned = random.nextInt(4) == 0;
        boolean deleteMarker = versioned && random.nextInt(10) == 0;
        long size = deleteMarker ? 0 : (long) Math.pow(10, random.nextDouble() * 9);
        byte[] etag = new byte[16];
        random.nextBytes(etag);
        quoted(out, "tidewater-bench-inventory").append(',');
        quoted(out, PREFIXES[random.nextInt(PREFIXES.length)] + index + "/part-" + random.nextInt(100_000) + ".csv")
                .append(',');
        quoted(out, versioned ? Long.toString(random.nextLong() & Long.MAX_VALUE, 36) : "")
                .append(',');
        quoted(out, Boolean.toString(random.nextInt(5) != 0)).append(',');
        quoted(out, Boolean.toString(deleteMarker)).append(',');
        quoted(out, deleteMarker ? "" : Long.toString(size)).append(',');
        quoted(out, Instant.ofEpochSecond(1_600_000_000L + random.nextInt(100_000_000))
                        .toString()
                        .replace("Z", ".000Z"))
                .append(',');
        quoted(out, HexFormat.of().formatHex(etag)).append(',');
        quoted(out, STORAGE_CLASSES[random.nextInt(STORAGE_CLASSES.length)]).append(',');
        quoted(out, Boolean.toString(random.nextInt(8) == 0)).append(',');
        quoted(out, "").append(',');
        quoted(out, "SSE-S3").append(',');
        quoted(out, "").append(',');
        quoted(out, "").append(',');
        quoted(out, "").append(',');
        quoted(out, "").append(',');
        quoted(out, "DISABLED").append(',');
        quoted(out, "").append('\n');
    }

    private static StringBuilder quoted(StringBuilder out, String value) {
        return out.append('"').append(value).append('"');
    }

    /** Gzip at the fastest level: generation speed matters more here than the ratio. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int value) throws IOException {
            out.write(value);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }
}
