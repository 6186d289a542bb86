package io.tidewater.inventory.crawl;

import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.ValueTransform;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The columns of an inventory report, named and typed as S3's Parquet inventory names and types them, whatever the
 * report's format: one typed schema for CSV, ORC and Parquet.
 */
final class InventoryColumns {

    /** The CSV columns when a manifest has no {@code fileSchema} and the files no header: S3's default fields. */
    static final List<String> DEFAULT_CSV_FIELDS = List.of(
            "Bucket",
            "Key",
            "VersionId",
            "IsLatest",
            "IsDeleteMarker",
            "Size",
            "LastModifiedDate",
            "ETag",
            "StorageClass");

    /** Every documented inventory field and its type; a field that is not here takes the type the crawl found. */
    private static final Map<String, String> KNOWN_TYPES = Map.ofEntries(
            Map.entry("bucket", "string"),
            Map.entry("key", "string"),
            Map.entry("version_id", "string"),
            Map.entry("is_latest", "boolean"),
            Map.entry("is_delete_marker", "boolean"),
            Map.entry("size", "long"),
            Map.entry("last_modified_date", "timestamptz"),
            Map.entry("e_tag", "string"),
            Map.entry("storage_class", "string"),
            Map.entry("is_multipart_uploaded", "boolean"),
            Map.entry("replication_status", "string"),
            Map.entry("encryption_status", "string"),
            Map.entry("object_lock_retain_until_date", "timestamptz"),
            Map.entry("object_lock_mode", "string"),
            Map.entry("object_lock_legal_hold_status", "string"),
            Map.entry("intelligent_tiering_access_tier", "string"),
            Map.entry("bucket_key_status", "string"),
            Map.entry("checksum_algorithm", "string"),
            Map.entry("object_access_control_list", "string"),
            Map.entry("object_owner", "string"),
            Map.entry("lifecycle_expiration_date", "timestamptz"));

    private static final Pattern CAMEL_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

    private InventoryColumns() {}

    static boolean isKnown(String name) {
        return KNOWN_TYPES.containsKey(name);
    }

    /**
     * A column of the typed schema.
     *
     * @param csv whether the report is CSV, whose keys are URL-encoded
     * @param crawledType the type the crawl found, used only for fields S3 does not document
     */
    static LoadColumn column(String name, String sourceName, String crawledType, boolean csv) {
        String type = KNOWN_TYPES.getOrDefault(name, crawledType);
        // CSV inventory keys are URL-encoded; ORC and Parquet keys are not.
        ValueTransform transform = csv && "key".equals(name) ? ValueTransform.URL_DECODE : ValueTransform.NONE;
        return new LoadColumn(name, sourceName, type, !isRequired(name), transform);
    }

    private static boolean isRequired(String name) {
        return "bucket".equals(name) || "key".equals(name);
    }

    /** {@code IsLatest} becomes {@code is_latest}, {@code ETag} becomes {@code e_tag}. */
    static String snakeCase(String field) {
        String name = field.trim();
        if ("ETag".equals(name)) {
            return "e_tag";
        }
        return CAMEL_BOUNDARY.matcher(name).replaceAll("_").toLowerCase(Locale.ROOT);
    }
}
