package io.tidewater.loader.job;

import io.tidewater.schema.inference.SeekableSource;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A file read through the Hadoop file systems Spark reads it with ({@code s3://} through S3A, {@code file:}), so the
 * crawl sees exactly the file the load will read, with the same endpoint and credentials.
 */
final class HadoopFileSource implements SeekableSource {

    private final String uri;
    private final FileStatus status;
    private final FSDataInputStream stream;

    private HadoopFileSource(String uri, FileStatus status, FSDataInputStream stream) {
        this.uri = uri;
        this.status = status;
        this.stream = stream;
    }

    /** @throws java.io.FileNotFoundException when there is no such file */
    static HadoopFileSource open(String uri, Configuration configuration) throws IOException {
        Path path = new Path(uri);
        FileSystem fileSystem = path.getFileSystem(configuration);
        FileStatus status = fileSystem.getFileStatus(path);
        return new HadoopFileSource(uri, status, fileSystem.open(path));
    }

    FileStatus status() {
        return status;
    }

    @Override
    public String name() {
        return uri;
    }

    @Override
    public long length() {
        return status.getLen();
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
        stream.readFully(position, buffer, offset, length);
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
