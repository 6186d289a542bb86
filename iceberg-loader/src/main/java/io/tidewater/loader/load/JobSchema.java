package io.tidewater.loader.load;

import io.tidewater.contract.ConstantColumn;
import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.LoadJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** The Iceberg schema and partition spec a load job describes. */
public final class JobSchema {

    private JobSchema() {}

    /** The file's columns followed by the constant columns, all optional: a later file may lack any of them. */
    static Schema of(LoadJob job) {
        List<Types.NestedField> fields = new ArrayList<>();
        int id = 1;
        for (LoadColumn column : job.columns()) {
            fields.add(Types.NestedField.optional(id++, column.name(), type(job, column.name(), column.type())));
        }
        for (ConstantColumn column : job.constantColumns()) {
            fields.add(Types.NestedField.optional(id++, column.name(), type(job, column.name(), column.type())));
        }
        return new Schema(fields);
    }

    static Type type(LoadJob job, String column, String type) {
        try {
            return Types.fromPrimitiveString(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidLoadJobException(
                    "Cannot read the type of column %s in load job %s: unknown Iceberg type '%s'"
                            .formatted(column, job.jobId(), type),
                    e);
        }
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
