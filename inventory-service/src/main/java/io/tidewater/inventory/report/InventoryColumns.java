package io.tidewater.inventory.report;

import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.ValueTransform;
import io.tidewater.inventory.manifest.InvalidReportException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns of an inventory report, named and typed as S3's Parquet inventory names and types them, whatever the
 * report's format: one typed schema for CSV, ORC and Parquet.
 */
final class InventoryColumns {

    /** The CSV columns when a manifest has no {@code fileSchema}: S3's default fields. */
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

    /** Fields that are not strings; every other field, known or new, is a string. */
    private static final Map<String, String> TYPES = Map.of(
            "is_latest", "boolean",
            "is_delete_marker", "boolean",
            "is_multipart_uploaded", "boolean",
            "size", "long",
            "last_modified_date", "timestamptz",
            "object_lock_retain_until_date", "timestamptz",
            "lifecycle_expiration_date", "timestamptz");

    private static final Pattern PARQUET_FIELD = Pattern.compile("(?:required|optional|repeated)\\s+\\w+\\s+(\\w+)");
    private static final Pattern CAMEL_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

    private InventoryColumns() {}

    static List<LoadColumn> of(String fileFormat, String fileSchema, String manifestKey) {
        return switch (fileFormat.toUpperCase(Locale.ROOT)) {
            case "CSV" -> csv(fileSchema);
            case "ORC" -> columnar(orcFieldNames(fileSchema, manifestKey));
            case "PARQUET" -> columnar(parquetFieldNames(fileSchema, manifestKey));
            default ->
                throw new InvalidReportException(
                        "Cannot read report %s: unknown fileFormat '%s' (expected CSV, ORC or Parquet)"
                                .formatted(manifestKey, fileFormat));
        };
    }

    private static List<LoadColumn> csv(String fileSchema) {
        List<String> fields = fileSchema == null || fileSchema.isBlank()
                ? DEFAULT_CSV_FIELDS
                : Arrays.stream(fileSchema.split(",")).map(String::trim).toList();
        List<LoadColumn> columns = new ArrayList<>();
        for (String field : fields) {
            String name = snakeCase(field);
            // CSV inventory keys are URL-encoded; ORC and Parquet keys are not.
            ValueTransform transform = "key".equals(name) ? ValueTransform.URL_DECODE : ValueTransform.NONE;
            columns.add(new LoadColumn(name, field, TYPES.getOrDefault(name, "string"), !isRequired(name), transform));
        }
        return columns;
    }

    private static List<LoadColumn> columnar(List<String> names) {
        return names.stream()
                .map(name -> new LoadColumn(name, name, TYPES.getOrDefault(name, "string"), !isRequired(name)))
                .toList();
    }

    private static List<String> orcFieldNames(String fileSchema, String manifestKey) {
        if (fileSchema == null || !fileSchema.startsWith("struct<")) {
            throw new InvalidReportException(
                    "Cannot read report %s: ORC fileSchema is not struct<...>: %s".formatted(manifestKey, fileSchema));
        }
        String body = fileSchema.substring("struct<".length(), fileSchema.length() - 1);
        return Arrays.stream(body.split(","))
                .map(field -> field.substring(0, field.indexOf(':')).trim())
                .toList();
    }

    private static List<String> parquetFieldNames(String fileSchema, String manifestKey) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PARQUET_FIELD.matcher(fileSchema == null ? "" : fileSchema);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        if (names.isEmpty()) {
            throw new InvalidReportException(
                    "Cannot read report %s: no fields in Parquet fileSchema %s".formatted(manifestKey, fileSchema));
        }
        return names;
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
