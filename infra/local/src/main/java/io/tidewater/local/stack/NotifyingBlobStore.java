package io.tidewater.local.stack;

import java.io.InputStream;
import java.util.Map;
import java.util.function.Consumer;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A blob store that announces every created object of a notifying bucket, after the object is stored, as S3 does.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

    /** Where the event for a bucket goes; buckets without an entry send none. */
    private final Map<String, Consumer<String>> notificationTargets;

    private final S3EventNotifications notifications;

    NotifyingBlobStore(
            BlobStore delegate, S3EventNotifications notifications, Map<String, Consumer<String>> notificationTargets) {
        super(delegate);
        this.notifications = notifications;
        this.notificationTargets = Map.copyOf(notificationTargets);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        announce("Put", request.bucket(), request.key(), response.eTag(), response.versionId());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        announce(
                "Copy",
                request.destinationBucket(),
                request.destinationKey(),
                response.copyObjectResult() == null
                        ? null
                        : response.copyObjectResult().eTag(),
                response.versionId());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        announce("CompleteMultipartUpload", request.bucket(), request.key(), response.eTag(), response.versionId());
        return response;
    }

    private void announce(String eventName, String bucket, String key, String eTag, String versionId) {
        Consumer<String> target = notificationTargets.get(bucket);
        if (target == null) {
            return;
        }
        HeadObjectResponse head = blobMetadata(bucket, key);
        String tag = eTag != null ? eTag : head.eTag();
        target.accept(notifications.objectCreated(eventName, bucket, key, head.contentLength(), tag, versionId));
    }
}
