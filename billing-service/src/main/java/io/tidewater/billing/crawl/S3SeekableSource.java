package io.tidewater.billing.crawl;

import io.tidewater.schema.inference.SeekableSource;
import java.io.EOFException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Ranged GETs on one S3 object, so that a Parquet footer is read without the file. */
final class S3SeekableSource implements SeekableSource {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final long length;

    S3SeekableSource(S3Client s3, String bucket, String key, long length) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.length = length;
    }

    @Override
    public String name() {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int count) throws EOFException {
        if (count == 0) {
            return;
        }
        if (position + count > length) {
            throw new EOFException(
                    "Cannot read %d bytes at %d of %s: it has %d".formatted(count, position, name(), length));
        }
        ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(
                request -> request.bucket(bucket).key(key).range("bytes=" + position + "-" + (position + count - 1)));
        byte[] read = bytes.asByteArray();
        if (read.length < count) {
            throw new EOFException(
                    "Cannot read %d bytes at %d of %s: got %d".formatted(count, position, name(), read.length));
        }
        System.arraycopy(read, 0, buffer, offset, count);
    }

    @Override
    public void close() {}
}
