package io.tidewater.service.s3;

import static java.util.Objects.requireNonNull;

import io.tidewater.schema.inference.SeekableSource;
import java.io.EOFException;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An S3 object read with ranged GETs, so that a crawl fetches only the sample it reads or the footer. Each request
 * fetches at least {@code rangeBytes} and serves the following reads from that buffer, so a sequential sample costs a
 * few requests rather than one per read.
 */
public final class S3RangeSource implements SeekableSource {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final long length;
    private final int rangeBytes;
    private byte[] buffer = new byte[0];
    private long bufferStart = -1;
    private int requests;

    private S3RangeSource(S3Client s3, String bucket, String key, long length, int rangeBytes) {
        this.s3 = requireNonNull(s3, "s3 is null");
        this.bucket = requireNonNull(bucket, "bucket is null");
        this.key = requireNonNull(key, "key is null");
        this.length = length;
        this.rangeBytes = rangeBytes;
    }

    /**
     * A source whose every GET fetches at least {@code rangeBytes}, for a crawl that reads a sample sequentially.
     *
     * @param length the object's size, as a manifest declares it or a HEAD request found it
     */
    public static S3RangeSource buffered(S3Client s3, String bucket, String key, long length, int rangeBytes) {
        return new S3RangeSource(s3, bucket, key, length, rangeBytes);
    }

    /**
     * A source whose every GET fetches exactly the bytes asked for, for a reader that seeks to a footer.
     *
     * @param length the object's size, as a manifest declares it or a HEAD request found it
     */
    public static S3RangeSource exact(S3Client s3, String bucket, String key, long length) {
        return new S3RangeSource(s3, bucket, key, length, 0);
    }

    @Override
    public String name() {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public long length() {
        return length;
    }

    /** How many GETs the source made, for tests and logs. */
    public int requests() {
        return requests;
    }

    @Override
    public void readFully(long position, byte[] target, int offset, int count) throws IOException {
        if (position < 0 || position + count > length) {
            throw new EOFException(
                    "Cannot read %d bytes at %d of %s: it has %d bytes".formatted(count, position, name(), length));
        }
        if (count == 0) {
            return;
        }
        if (bufferStart < 0 || position < bufferStart || position + count > bufferStart + buffer.length) {
            fetch(position, Math.max(count, rangeBytes));
        }
        System.arraycopy(buffer, (int) (position - bufferStart), target, offset, count);
    }

    private void fetch(long position, int wanted) throws IOException {
        long last = Math.min(length, position + wanted) - 1;
        String range = "bytes=%d-%d".formatted(position, last);
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = s3.getObjectAsBytes(
                    request -> request.bucket(bucket).key(key).range(range));
        } catch (RuntimeException e) {
            throw new IOException("Cannot read %s of %s: %s".formatted(range, name(), e.getMessage()), e);
        }
        requests++;
        byte[] fetched = bytes.asByteArray();
        if (fetched.length != last - position + 1) {
            throw new EOFException("Cannot read %s of %s: got %d bytes".formatted(range, name(), fetched.length));
        }
        buffer = fetched;
        bufferStart = position;
    }

    @Override
    public void close() {
        buffer = new byte[0];
        bufferStart = -1;
    }
}
