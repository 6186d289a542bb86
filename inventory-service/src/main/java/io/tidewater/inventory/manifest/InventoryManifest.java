package io.tidewater.inventory.manifest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * An S3 Inventory {@code manifest.json}, as AWS writes it.
 *
 * @param sourceBucket the bucket the inventory lists
 * @param destinationBucket the ARN of the bucket the report was written to
 * @param creationTimestamp epoch milliseconds, as a string, when the inventory scan started
 * @param fileFormat {@code CSV}, {@code ORC} or {@code Parquet}
 * @param fileSchema the data files' columns: names joined by ", " for CSV, a schema string for ORC and Parquet
 * @param files the data files
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InventoryManifest(
        String sourceBucket,
        String destinationBucket,
        String version,
        String creationTimestamp,
        String fileFormat,
        String fileSchema,
        List<DataFile> files) {

    /** A data file of the report, with the size and MD5 the manifest declares. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DataFile(String key, long size, @JsonProperty("MD5checksum") String md5Checksum) {}

    public Instant createdAt() {
        return Instant.ofEpochMilli(Long.parseLong(creationTimestamp));
    }
}
