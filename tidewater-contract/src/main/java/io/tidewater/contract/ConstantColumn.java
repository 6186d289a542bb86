package io.tidewater.contract;

import static java.util.Objects.requireNonNull;

/**
 * A column whose value is the same for every row of a load, taken from the report rather than the file, such as the
 * inventory date of an S3 Inventory report.
 *
 * @param name the target column name
 * @param type the Iceberg type as Iceberg prints it
 * @param value the value in Iceberg's human string form ({@code 2024-05-07}, {@code 2024-05-07T00:00:00Z})
 */
public record ConstantColumn(String name, String type, String value) {

    public ConstantColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(value, "value is null");
    }
}
