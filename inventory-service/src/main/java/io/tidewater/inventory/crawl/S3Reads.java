package io.tidewater.inventory.crawl;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The raw bytes of an S3 object, whose read failures are marked as such: a connection that broke may be retried, a
 * file whose content does not parse may not, and the parsers above wrap both in the same exception types.
 */
final class S3Reads extends FilterInputStream {

    S3Reads(InputStream object) {
        super(object);
    }

    /** Whether reading from S3, not parsing what was read, failed somewhere in {@code failure}'s causes. */
    static boolean failedReading(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ReadFailed || cause instanceof SdkException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw new ReadFailed(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            throw new ReadFailed(e);
        }
    }

    @Override
    public long skip(long count) throws IOException {
        try {
            return super.skip(count);
        } catch (IOException e) {
            throw new ReadFailed(e);
        }
    }

    /** Reading the object from S3 failed: worth a retry. */
    static final class ReadFailed extends UncheckedIOException {
        ReadFailed(IOException cause) {
            super("Cannot read from S3: " + cause.getMessage(), cause);
        }
    }
}
