package io.tidewater.loader.load;

import io.tidewater.contract.ConstantColumn;
import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.schema.InvalidInputException;
import io.tidewater.schema.types.TypeStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/** The Iceberg schema and partition spec a load job describes. */
public final class JobSchema {

    private JobSchema() {}

    /** The file's columns followed by the constant columns, all optional: a later file may lack any of them. */
    static Schema of(LoadJob job) {
        List<Types.NestedField> fields = new ArrayList<>();
        AtomicInteger ids = new AtomicInteger(1);
        for (LoadColumn column : job.columns()) {
            fields.add(field(ids, column.name(), type(job, column.name(), column.type())));
        }
        for (ConstantColumn column : job.constantColumns()) {
            fields.add(field(ids, column.name(), type(job, column.name(), column.type())));
        }
        return new Schema(fields);
    }

    /** Nested types parse with ids from 1: their fields get fresh ids, after their column's. */
    private static Types.NestedField field(AtomicInteger ids, String name, Type type) {
        int id = ids.getAndIncrement();
        return Types.NestedField.optional(id, name, TypeUtil.assignFreshIds(type, ids::getAndIncrement));
    }

    /** The Iceberg type of a column: a primitive such as {@code long}, or nested such as {@code map<string, string>}. */
    static Type type(LoadJob job, String column, String type) {
        try {
            return TypeStrings.parse(type);
        } catch (InvalidInputException e) {
            throw new InvalidLoadJobException(
                    "Cannot read the type of column %s in load job %s: unknown Iceberg type '%s'"
                            .formatted(column, job.jobId(), type),
                    e);
        }
    }

    /**
     * The job with the representation each column has in the table: a nested column (a CUR 2.0 or FOCUS map) that the
     * table already holds as text, from before the loader wrote nested types, stays text and gets the values as JSON.
     * Iceberg cannot promote string to map, and a second column or a rescue would split one column's history in two.
     */
    static LoadJob keepingTextColumns(LoadJob job, Schema table) {
        List<LoadColumn> columns = new ArrayList<>(job.columns().size());
        boolean changed = false;
        for (LoadColumn column : job.columns()) {
            Types.NestedField existing = table.asStruct().caseInsensitiveField(column.name());
            if (existing != null
                    && existing.type().typeId() == Type.TypeID.STRING
                    && type(job, column.name(), column.type()).isNestedType()) {
                columns.add(new LoadColumn(
                        column.name(), column.sourceName(), "string", column.nullable(), column.transform()));
                changed = true;
            } else {
                columns.add(column);
            }
        }
        if (!changed) {
            return job;
        }
        return job.withColumns(columns);
    }

    static PartitionSpec partitionSpec(LoadJob job, Schema schema) {
        return partitionSpec(schema, job.partitionFields(), job.table());
    }

    /**
     * Partition fields are column names or {@code year|month|day|hour(column)} transforms.
     *
     * @throws InvalidLoadJobException naming the field that is not one
     */
    public static PartitionSpec partitionSpec(Schema schema, List<String> fields, String table) {
        PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
        for (String field : fields) {
            String spec = field.trim();
            int open = spec.indexOf('(');
            if (open < 0) {
                builder.identity(spec);
                continue;
            }
            String transform = spec.substring(0, open).trim().toLowerCase(Locale.ROOT);
            String column = spec.substring(open + 1, spec.length() - 1).trim();
            switch (transform) {
                case "year" -> builder.year(column);
                case "month" -> builder.month(column);
                case "day" -> builder.day(column);
                case "hour" -> builder.hour(column);
                default ->
                    throw new InvalidLoadJobException(
                            "Cannot partition table %s by '%s': unknown transform %s"
                                    .formatted(table, field, transform),
                            null);
            }
        }
        return builder.build();
    }
}
