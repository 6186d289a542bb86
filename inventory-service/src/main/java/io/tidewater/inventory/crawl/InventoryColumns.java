package io.tidewater.inventory.crawl;

import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.S3InventoryField;
import io.tidewater.contract.ValueTransform;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The columns of an inventory report, named and typed as S3's Parquet inventory names and types them, whatever the
 * report's format: one typed schema for CSV, ORC and Parquet.
 */
final class InventoryColumns {

    /** The CSV columns when a manifest has no {@code fileSchema} and the files no header: S3's default fields. */
    static final List<String> DEFAULT_CSV_FIELDS = S3InventoryField.DEFAULT_CSV_FIELDS.stream()
            .map(S3InventoryField::fieldName)
            .toList();

    private static final Pattern CAMEL_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

    private InventoryColumns() {}

    /**
     * A column of the typed schema.
     *
     * @param csv whether the report is CSV, whose keys are URL-encoded
     * @param crawledType the type the crawl found, used only for fields S3 does not document
     */
    static LoadColumn column(String name, String sourceName, String crawledType, boolean csv) {
        // A documented field has S3's type; a field that is not documented takes the type the crawl found.
        Optional<S3InventoryField> field = S3InventoryField.ofColumn(name);
        String type = field.map(S3InventoryField::type).orElse(crawledType);
        // CSV inventory keys are URL-encoded; ORC and Parquet keys are not.
        ValueTransform transform = csv && "key".equals(name) ? ValueTransform.URL_DECODE : ValueTransform.NONE;
        return new LoadColumn(
                name, sourceName, type, !field.map(S3InventoryField::isRequired).orElse(false), transform);
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
