package io.tidewater.service.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

class S3RangeSourceTest {

    private static final byte[] OBJECT = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

    private final RangedObject s3 = new RangedObject();

    @Test
    void servesASequentialSampleFromFewGets() throws IOException {
        try (S3RangeSource source = S3RangeSource.buffered(s3, "bucket", "data.csv", OBJECT.length, 16)) {
            assertThat(read(source, 0, 4)).isEqualTo("0123");
            assertThat(read(source, 4, 8)).isEqualTo("456789ab");
            assertThat(read(source, 12, 4)).isEqualTo("cdef");
            assertThat(read(source, 16, 4)).isEqualTo("ghij");

            assertThat(source.requests()).isEqualTo(2);
            assertThat(s3.ranges).containsExactly("bytes=0-15", "bytes=16-31");
        }
    }

    @Test
    void fetchesExactlyTheBytesAskedForAFooter() throws IOException {
        try (S3RangeSource source = S3RangeSource.exact(s3, "bucket", "data.parquet", OBJECT.length)) {
            assertThat(read(source, 32, 4)).isEqualTo("wxyz");
            assertThat(read(source, 28, 4)).isEqualTo("stuv");

            assertThat(s3.ranges).containsExactly("bytes=32-35", "bytes=28-31");
            assertThat(source.name()).isEqualTo("s3://bucket/data.parquet");
            assertThat(source.length()).isEqualTo(36);
        }
    }

    @Test
    void refusesToReadPastTheEnd() {
        S3RangeSource source = S3RangeSource.exact(s3, "bucket", "data.parquet", OBJECT.length);

        assertThatThrownBy(() -> read(source, 34, 4))
                .isInstanceOf(EOFException.class)
                .hasMessage("Cannot read 4 bytes at 34 of s3://bucket/data.parquet: it has 36 bytes");
        assertThat(s3.ranges).isEmpty();
    }

    @Test
    void reportsAnObjectShorterThanDeclared() {
        S3RangeSource source = S3RangeSource.exact(s3, "bucket", "data.parquet", OBJECT.length + 4);

        assertThatThrownBy(() -> read(source, 34, 6))
                .isInstanceOf(EOFException.class)
                .hasMessage("Cannot read bytes=34-39 of s3://bucket/data.parquet: got 2 bytes");
    }

    private static String read(S3RangeSource source, long position, int count) throws IOException {
        byte[] target = new byte[count];
        source.readFully(position, target, 0, count);
        return new String(target, StandardCharsets.US_ASCII);
    }

    /** One object served by range, as S3 serves a ranged GET: the bytes that exist within the range. */
    private static final class RangedObject implements S3Client {

        private final List<String> ranges = new ArrayList<>();

        @Override
        public ResponseBytes<GetObjectResponse> getObjectAsBytes(GetObjectRequest request) {
            ranges.add(request.range());
            String[] bounds = request.range().substring("bytes=".length()).split("-");
            int first = Integer.parseInt(bounds[0]);
            int last = Math.min(Integer.parseInt(bounds[1]), OBJECT.length - 1);
            return ResponseBytes.fromByteArray(
                    GetObjectResponse.builder().build(), Arrays.copyOfRange(OBJECT, first, last + 1));
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {}
    }
}
