package io.tidewater.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/** S3Proxy speaking the S3 protocol on loopback, storing objects under the data directory. */
final class EmbeddedS3 implements AutoCloseable {

    private final S3Proxy proxy;

    private EmbeddedS3(S3Proxy proxy) {
        this.proxy = proxy;
    }

    static EmbeddedS3 start(
            LocalStackProperties properties, Path dataDirectory, Map<String, Consumer<String>> notificationTargets) {
        Path root = dataDirectory.resolve("s3");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the S3 data directory " + root + ": " + e.getMessage(), e);
        }
        BlobStore store = new NotifyingBlobStore(
                new FilesystemNio2BlobStore(root.toString()),
                new S3EventNotifications(properties.region()),
                notificationTargets);
        for (String bucket : properties.s3().buckets()) {
            if (!store.containerExists(bucket)) {
                store.createContainer(bucket);
            }
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create(properties.s3Endpoint()))
                // Like LocalStack: any access key and secret are accepted.
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot start the local S3 on " + properties.s3Endpoint() + ": " + e.getMessage(), e);
        }
        return new EmbeddedS3(proxy);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
