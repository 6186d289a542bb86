package io.tidewater.contract;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** How a load job writes its rows: add them, or replace the rows of one partition in the same commit. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "mode")
@JsonSubTypes({
    @JsonSubTypes.Type(value = WriteMode.Append.class, name = "append"),
    @JsonSubTypes.Type(value = WriteMode.Replace.class, name = "replace")
})
public sealed interface WriteMode {

    /** Adds the rows to the table. */
    record Append() implements WriteMode {}

    /**
     * Replaces every row where {@code column} equals {@code value} with the job's rows, atomically.
     *
     * @param column the column that identifies the partition, such as {@code billing_period}
     * @param value the value in Iceberg's human string form
     */
    record Replace(String column, String value) implements WriteMode {
        public Replace {
            requireNonNull(column, "column is null");
            requireNonNull(value, "value is null");
        }
    }
}
