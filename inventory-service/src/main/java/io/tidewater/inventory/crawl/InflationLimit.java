package io.tidewater.inventory.crawl;

import io.tidewater.inventory.config.InventoryProperties.Limits;
import io.tidewater.inventory.manifest.InvalidReportException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The decompressed side of a gzip data file, refused once it inflates beyond the configured size or ratio: a gzip bomb
 * stops after a few reads instead of filling the disk or the heap.
 */
final class InflationLimit extends FilterInputStream {

    private final String uri;
    private final long compressedBytes;
    private final long maxBytes;
    private final long maxRatio;
    private long inflated;

    /** @param compressedBytes the file's size in S3 */
    InflationLimit(InputStream decompressed, String uri, long compressedBytes, Limits limits) {
        super(decompressed);
        this.uri = uri;
        this.compressedBytes = Math.max(1, compressedBytes);
        this.maxBytes = limits.maxDecompressedBytes().toBytes();
        this.maxRatio = limits.maxCompressionRatio();
    }

    @Override
    public int read() throws IOException {
        int value = super.read();
        if (value >= 0) {
            count(1);
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            count(read);
        }
        return read;
    }

    private void count(int bytes) {
        inflated += bytes;
        if (inflated > maxBytes) {
            throw new InvalidReportException(
                    "Cannot read data file %s: it inflates to more than %d bytes (tidewater.inventory.limits.max-decompressed-bytes)"
                            .formatted(uri, maxBytes));
        }
        if (inflated / compressedBytes > maxRatio) {
            throw new InvalidReportException(
                    "Cannot read data file %s: its %d bytes inflate to more than %d, a ratio above %d (tidewater.inventory.limits.max-compression-ratio)"
                            .formatted(uri, compressedBytes, inflated, maxRatio));
        }
    }
}
