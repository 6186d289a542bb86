package io.tidewater.contract;

import static java.util.Objects.requireNonNull;

/**
 * One file a load job reads.
 *
 * @param uri the file's {@code s3://bucket/key} URI
 * @param size the size in bytes the manifest declares
 * @param md5 the MD5 (hex) the manifest declares, or {@code null} when it declares none
 */
public record SourceFile(String uri, long size, String md5) {

    public SourceFile {
        requireNonNull(uri, "uri is null");
        if (size < 0) {
            throw new IllegalArgumentException("Cannot describe source file " + uri + ": negative size " + size);
        }
    }
}
