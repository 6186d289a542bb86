package io.tidewater.schema.inference;

import java.io.IOException;

/** The last bytes of a file, fetched with as few reads as an object store would need. */
record FileTail(byte[] bytes, long fileLength) {
    /** Enough for the footer of a typical file in one read; larger footers cost a second read. */
    static final int SPECULATIVE_BYTES = 64 * 1024;

    static FileTail read(SeekableSource source, int bytes) throws IOException {
        long fileLength = source.length();
        int count = (int) Math.min(bytes, fileLength);
        byte[] tail = new byte[count];
        source.readFully(fileLength - count, tail, 0, count);
        return new FileTail(tail, fileLength);
    }

    /** @return the tail again if it already holds {@code bytes}, else a longer one read from the source */
    FileTail atLeast(SeekableSource source, long bytes) throws IOException {
        return bytes <= this.bytes.length ? this : read(source, (int) bytes);
    }

    /** @return the last {@code count} bytes of the tail */
    byte[] last(int count) {
        byte[] result = new byte[count];
        System.arraycopy(bytes, bytes.length - count, result, 0, count);
        return result;
    }
}
