package io.tidewater.local.demo;

import java.time.Instant;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Uploads a report through the S3 API in AWS's order: data files, then manifest.json, then manifest.checksum. */
public final class ReportUploader {

    private final S3Client s3;
    private final String bucket;

    public ReportUploader(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Returns when the completion marker was uploaded. */
    public Instant upload(InventoryReport report) {
        for (InventoryReport.UploadedFile file : report.dataFiles()) {
            put(file);
        }
        put(report.manifest());
        put(report.checksum());
        return Instant.now();
    }

    private void put(InventoryReport.UploadedFile file) {
        s3.putObject(request -> request.bucket(bucket).key(file.key()), RequestBody.fromFile(file.path()));
    }
}
