package io.tidewater.inventory.manifest;

import static java.util.Objects.requireNonNull;

/**
 * Where a report lives: {@code <prefix>/<source-bucket>/<config-id>/YYYY-MM-DDTHH-MMZ/manifest.json} in the
 * destination bucket.
 *
 * @param bucket the destination bucket
 * @param folder the report folder, ending in {@code /} (or empty for a report at the bucket's root)
 */
public record ReportLocation(String bucket, String folder) {

    public ReportLocation {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(folder, "folder is null");
    }

    /** The report of a {@code manifest.json} or {@code manifest.checksum} key. */
    public static ReportLocation ofMarker(String bucket, String key) {
        int slash = key.lastIndexOf('/');
        return new ReportLocation(bucket, slash < 0 ? "" : key.substring(0, slash + 1));
    }

    /**
     * The report of a {@code manifest.json} or {@code manifest.checksum} named by a person or a tool.
     *
     * @throws InvalidReportException when the key names neither
     */
    public static ReportLocation ofManifestOrChecksum(String bucket, String key) {
        if (key == null || !(key.endsWith("manifest.json") || key.endsWith("manifest.checksum"))) {
            throw new InvalidReportException(
                    "Cannot locate report s3://%s/%s: the key names neither a manifest.json nor a manifest.checksum"
                            .formatted(bucket, key));
        }
        return ofMarker(bucket, key);
    }

    public String manifestKey() {
        return folder + "manifest.json";
    }

    public String checksumKey() {
        return folder + "manifest.checksum";
    }

    /** The inventory configuration's id: the folder above the timestamped report folder. */
    public String configurationId() {
        String[] parts = folder.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] : "default";
    }

    /** The configuration's folder, which holds {@code data/}. */
    public String configurationFolder() {
        String trimmed = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 ? "" : trimmed.substring(0, slash + 1);
    }
}
