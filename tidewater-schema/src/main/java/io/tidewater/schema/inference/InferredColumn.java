package io.tidewater.schema.inference;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.tidewater.schema.types.TypeStringDeserializer;
import io.tidewater.schema.types.TypeStringSerializer;
import org.apache.iceberg.types.Type;

/**
 * One inferred column.
 *
 * @param name the normalised column name (see {@link io.tidewater.schema.naming.ColumnNames})
 * @param sourceName the name in the source (header, caller list, footer), or the generated {@code col<n>}
 * @param type the Iceberg type
 * @param nullable whether a null (or null token) was seen in the sample or the source declares the column optional
 * @param confidence from 0 to 1: the share of sampled values that agree with the type, scaled down for small samples;
 *     1 for types read from a footer
 */
public record InferredColumn(
        String name,
        String sourceName,
        @JsonSerialize(using = TypeStringSerializer.class) @JsonDeserialize(using = TypeStringDeserializer.class)
                Type type,
        boolean nullable,
        double confidence) {
    public InferredColumn {
        requireNonNull(name, "name is null");
        requireNonNull(sourceName, "sourceName is null");
        requireNonNull(type, "type is null");
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException(
                    "Cannot create column %s: confidence %s is outside [0, 1]".formatted(name, confidence));
        }
    }
}
