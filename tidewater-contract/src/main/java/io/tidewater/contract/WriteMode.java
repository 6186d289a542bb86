package io.tidewater.contract;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
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
     * Replaces every row where {@code column} equals {@code value} with the job's rows, atomically; with an
     * {@code owner}, only the rows of that owner there, so that several sources of one partition (two reports of one
     * billing period) live side by side and each restates alone.
     *
     * @param column the column that identifies the partition, such as {@code billing_period}
     * @param value the value in Iceberg's human string form
     * @param owner whose rows of the partition are replaced; {@code null} replaces the whole partition
     */
    record Replace(String column, String value, @JsonInclude(JsonInclude.Include.NON_NULL) Owner owner)
            implements WriteMode {
        public Replace {
            requireNonNull(column, "column is null");
            requireNonNull(value, "value is null");
            if (owner != null && owner.column().equalsIgnoreCase(column)) {
                throw new IllegalArgumentException(
                        "Cannot replace by %s = %s: the owner column is the partition column".formatted(column, value));
            }
        }

        /** Replaces the whole partition. */
        public Replace(String column, String value) {
            this(column, value, null);
        }
    }

    /**
     * The source a row belongs to, held in a column of its own (a constant column of the job). Rows whose owner column
     * is null, written before owners were recorded, belong to the owner that replaces the partition next.
     *
     * @param column the column that holds the owner, such as {@code report}
     * @param value the owner of the job's rows
     */
    record Owner(String column, String value) {
        public Owner {
            requireNonNull(column, "column is null");
            requireNonNull(value, "value is null");
            if (value.isBlank()) {
                throw new IllegalArgumentException("Cannot own rows by %s: the owner is blank".formatted(column));
            }
        }
    }
}
