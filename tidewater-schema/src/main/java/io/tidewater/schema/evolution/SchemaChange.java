package io.tidewater.schema.evolution;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.tidewater.schema.types.TypeStringDeserializer;
import io.tidewater.schema.types.TypeStringSerializer;
import org.apache.iceberg.types.Type;

/**
 * One change in an {@link EvolutionPlan}. Paths are dotted, use the table's spelling for existing columns and
 * Iceberg's {@code element}, {@code key} and {@code value} inside lists and maps. In JSON the kind is the
 * {@code change} property.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "change")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SchemaChange.AddColumn.class, name = "add_column"),
    @JsonSubTypes.Type(value = SchemaChange.WidenType.class, name = "widen_type"),
    @JsonSubTypes.Type(value = SchemaChange.MakeOptional.class, name = "make_optional"),
    @JsonSubTypes.Type(value = SchemaChange.RescueColumn.class, name = "rescue"),
    @JsonSubTypes.Type(value = SchemaChange.RejectColumn.class, name = "reject")
})
public sealed interface SchemaChange {
    /** @return the dotted path of the column the change is about */
    String path();

    /** @return why the change is in the plan, for people */
    String reason();

    /**
     * Adds an optional column.
     *
     * @param parent the dotted path of the struct to add to, or {@code null} for a top-level column
     * @param name the new column's name
     * @param type its type; nested fields are optional
     * @param reason why
     */
    record AddColumn(
            String parent,
            String name,
            @JsonSerialize(using = TypeStringSerializer.class) @JsonDeserialize(using = TypeStringDeserializer.class)
                    Type type,
            String reason)
            implements SchemaChange {
        public AddColumn {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(reason, "reason is null");
        }

        @Override
        public String path() {
            return parent == null ? name : parent + "." + name;
        }
    }

    /**
     * Widens a primitive column along one of Iceberg's allowed promotions.
     *
     * @param path the column
     * @param from the table's type
     * @param to the wider type
     * @param reason why
     */
    record WidenType(
            String path,
            @JsonSerialize(using = TypeStringSerializer.class) @JsonDeserialize(using = TypeStringDeserializer.class)
                    Type from,
            @JsonSerialize(using = TypeStringSerializer.class) @JsonDeserialize(using = TypeStringDeserializer.class)
                    Type to,
            String reason)
            implements SchemaChange {
        public WidenType {
            requireNonNull(path, "path is null");
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * Makes a required column optional, typically because files stopped carrying it. Columns are never dropped.
     *
     * @param path the column
     * @param reason why
     */
    record MakeOptional(String path, String reason) implements SchemaChange {
        public MakeOptional {
            requireNonNull(path, "path is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * Keeps the table as it is for this column and writes the file's values into the {@code _rescued_data} JSON string
     * column instead, so nothing is lost. The plan also holds the {@link AddColumn} for {@code _rescued_data} when the
     * table lacks it.
     *
     * @param path the column in the file
     * @param tableType the table's type, or {@code null} when the table has no such column
     * @param incomingType the file's type
     * @param reason why
     */
    record RescueColumn(
            String path,
            @JsonSerialize(using = TypeStringSerializer.class) @JsonDeserialize(using = TypeStringDeserializer.class)
                    Type tableType,
            @JsonSerialize(using = TypeStringSerializer.class) @JsonDeserialize(using = TypeStringDeserializer.class)
                    Type incomingType,
            String reason)
            implements SchemaChange {
        public RescueColumn {
            requireNonNull(path, "path is null");
            requireNonNull(incomingType, "incomingType is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * The file cannot be written to the table under the policy: quarantine it. A plan with a rejection cannot be
     * applied.
     *
     * @param path the column
     * @param tableType the table's type, or {@code null} when the table has no such column
     * @param incomingType the file's type, or {@code null} when the file lacks the column
     * @param reason why, in the "Cannot ..." form
     */
    record RejectColumn(
            String path,
            @JsonSerialize(using = TypeStringSerializer.class) @JsonDeserialize(using = TypeStringDeserializer.class)
                    Type tableType,
            @JsonSerialize(using = TypeStringSerializer.class) @JsonDeserialize(using = TypeStringDeserializer.class)
                    Type incomingType,
            String reason)
            implements SchemaChange {
        public RejectColumn {
            requireNonNull(path, "path is null");
            requireNonNull(reason, "reason is null");
        }
    }
}
