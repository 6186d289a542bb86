package io.tidewater.loader.table;

import io.tidewater.loader.load.JobSchema;
import io.tidewater.schema.InvalidInputException;
import io.tidewater.schema.types.TypeStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * A table to create: its columns and partition fields.
 *
 * @param table {@code namespace.name}
 * @param columns in table order
 * @param partitionFields column names or {@code year|month|day|hour(column)}; none for an unpartitioned table
 * @param properties Iceberg table properties, such as {@code format-version}
 */
record TableDefinition(
        String table, List<ColumnDefinition> columns, List<String> partitionFields, Map<String, String> properties) {

    TableDefinition {
        columns = columns == null ? List.of() : List.copyOf(columns);
        partitionFields = partitionFields == null ? List.of() : List.copyOf(partitionFields);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /**
     * One column.
     *
     * @param type Iceberg type syntax: {@code long}, {@code timestamptz}, {@code decimal(38,10)},
     *     {@code struct<name: string>}, {@code list<long>}, {@code map<string, long>}
     * @param nullable whether the column may hold NULL; true when absent
     */
    record ColumnDefinition(String name, String type, Boolean nullable) {}

    /** @throws IllegalArgumentException naming the column whose definition is wrong */
    Schema schema() {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("Cannot create a table: the request names no table");
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Cannot create table %s: the request has no columns".formatted(table));
        }
        List<Types.NestedField> fields = new ArrayList<>();
        int id = 1;
        for (ColumnDefinition column : columns) {
            if (column.name() == null || column.name().isBlank() || column.type() == null) {
                throw new IllegalArgumentException(
                        "Cannot create table %s: column %d needs a name and a type".formatted(table, id));
            }
            Type type;
            try {
                type = TypeStrings.parse(column.type());
            } catch (InvalidInputException e) {
                throw new IllegalArgumentException(
                        "Cannot create table %s: column %s has type '%s', which is not an Iceberg type: %s"
                                .formatted(table, column.name(), column.type(), e.getMessage()),
                        e);
            }
            fields.add(
                    column.nullable() == null || column.nullable()
                            ? Types.NestedField.optional(id++, column.name(), type)
                            : Types.NestedField.required(id++, column.name(), type));
        }
        // Nested types come parsed with ids from 1; the table's ids must be unique.
        AtomicInteger nextId = new AtomicInteger();
        Type struct = TypeUtil.assignFreshIds(Types.StructType.of(fields), nextId::incrementAndGet);
        return new Schema(struct.asStructType().fields());
    }

    PartitionSpec partitionSpec(Schema schema) {
        try {
            return JobSchema.partitionSpec(schema, partitionFields, table);
        } catch (IllegalArgumentException | org.apache.iceberg.exceptions.ValidationException e) {
            throw new IllegalArgumentException(
                    "Cannot partition table %s by %s: %s".formatted(table, partitionFields, e.getMessage()), e);
        }
    }
}
