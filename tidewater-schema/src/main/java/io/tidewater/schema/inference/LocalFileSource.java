package io.tidewater.schema.inference;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A {@link SeekableSource} over a local file. */
final class LocalFileSource implements SeekableSource {
    private final Path file;
    private final FileChannel channel;

    private LocalFileSource(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static LocalFileSource open(Path file) throws IOException {
        return new LocalFileSource(file, FileChannel.open(file, StandardOpenOption.READ));
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public long length() throws IOException {
        return channel.size();
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
        long at = position;
        while (target.hasRemaining()) {
            int read = channel.read(target, at);
            if (read < 0) {
                throw new EOFException("Cannot read %d bytes at %d of %s: it has %d"
                        .formatted(length, position, file, channel.size()));
            }
            at += read;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
