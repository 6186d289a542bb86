package io.tidewater.local.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * A generated S3 Inventory report on local disk, laid out as AWS lays it out in the destination bucket.
 *
 * @param sourceBucket the bucket the inventory lists
 * @param configurationId the inventory configuration's id
 * @param reportFolder the key prefix of the report folder, ending in {@code /}
 * @param dataFiles the data files and the keys they go to
 * @param manifest the {@code manifest.json} file
 * @param checksum the {@code manifest.checksum} file
 * @param rows the number of rows in all data files
 */
public record InventoryReport(
        String sourceBucket,
        String configurationId,
        String reportFolder,
        List<UploadedFile> dataFiles,
        UploadedFile manifest,
        UploadedFile checksum,
        long rows) {

    /** A local file and the key it is uploaded to. */
    public record UploadedFile(Path path, String key) {}

    public String checksumKey() {
        return checksum.key();
    }
}
