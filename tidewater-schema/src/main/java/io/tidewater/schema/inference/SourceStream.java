package io.tidewater.schema.inference;

import java.io.IOException;
import java.io.InputStream;

/** Reads a {@link SeekableSource} from the start, for the text formats, which the crawler samples from the head. */
final class SourceStream extends InputStream {
    private final SeekableSource source;
    private final long length;
    private long position;

    SourceStream(SeekableSource source) throws IOException {
        this.source = source;
        this.length = source.length();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        if (position >= length) {
            return -1;
        }
        int chunk = (int) Math.min(count, length - position);
        source.readFully(position, buffer, offset, chunk);
        position += chunk;
        return chunk;
    }
}
