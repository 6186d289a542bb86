package io.tidewater.schema.inference;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Random read access to one file: what footer formats need. Parquet and ORC keep the schema at the end of the file, so
 * an object-store implementation can answer {@link #readFully} with ranged requests and fetch the tail only.
 *
 * <p>Implementations need not be thread-safe; the crawler uses one source from one thread.
 */
public interface SeekableSource extends Closeable {
    /**
     * Opens a local file.
     *
     * @param file the file, not null
     * @return a source reading the file through a file channel
     * @throws IOException when the file cannot be opened
     */
    static SeekableSource of(Path file) throws IOException {
        requireNonNull(file, "file is null");
        return LocalFileSource.open(file);
    }

    /** @return the name to use in results and messages, such as the path or the S3 URI */
    String name();

    /**
     * @return the length of the file in bytes
     * @throws IOException when the length cannot be read
     */
    long length() throws IOException;

    /**
     * Reads exactly {@code length} bytes starting at {@code position}.
     *
     * @param position where to start, from 0 to {@link #length()}
     * @param buffer where the bytes go
     * @param offset where in {@code buffer} the first byte goes
     * @param length how many bytes to read
     * @throws java.io.EOFException when the file ends before {@code position + length}
     * @throws IOException when reading failed
     */
    void readFully(long position, byte[] buffer, int offset, int length) throws IOException;
}
