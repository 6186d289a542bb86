package io.tidewater.contract;

import static java.util.Objects.requireNonNull;

/**
 * One column of the crawled schema of a load job, in file order.
 *
 * @param name the target column name (normalised, such as {@code last_modified_date})
 * @param sourceName the name in the source file or manifest (such as {@code LastModifiedDate})
 * @param type the Iceberg type as Iceberg prints it ({@code long}, {@code timestamptz}, {@code decimal(38,10)}, ...);
 *     nested types as the schema library's {@code TypeStrings} writes them, such as {@code map<string, string>},
 *     which delimited text holds as one JSON object per cell
 * @param nullable whether the column may hold NULL
 * @param transform the conversion of the raw value; {@link ValueTransform#NONE} when absent
 */
public record LoadColumn(String name, String sourceName, String type, boolean nullable, ValueTransform transform) {

    public LoadColumn {
        requireNonNull(name, "name is null");
        requireNonNull(sourceName, "sourceName is null");
        requireNonNull(type, "type is null");
        transform = transform == null ? ValueTransform.NONE : transform;
    }

    /** A column read as it is. */
    public LoadColumn(String name, String sourceName, String type, boolean nullable) {
        this(name, sourceName, type, nullable, ValueTransform.NONE);
    }
}
