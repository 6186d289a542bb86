package io.tidewater.schema.evolution;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/** Rewrites a type so every nested field, list element and map value is optional, as added columns must be. */
final class OptionalFields extends TypeUtil.SchemaVisitor<Type> {
    static Type of(Type type) {
        return type.isPrimitiveType() ? type : TypeUtil.visit(type, new OptionalFields());
    }

    @Override
    public Type schema(Schema schema, Type structResult) {
        return structResult;
    }

    @Override
    public Type struct(Types.StructType struct, List<Type> fieldResults) {
        List<Types.NestedField> fields = new ArrayList<>(fieldResults.size());
        for (int index = 0; index < fieldResults.size(); index++) {
            Types.NestedField field = struct.fields().get(index);
            fields.add(Types.NestedField.optional(field.fieldId(), field.name(), fieldResults.get(index), field.doc()));
        }
        return Types.StructType.of(fields);
    }

    @Override
    public Type field(Types.NestedField field, Type fieldResult) {
        return fieldResult;
    }

    @Override
    public Type list(Types.ListType list, Type elementResult) {
        return Types.ListType.ofOptional(list.elementId(), elementResult);
    }

    @Override
    public Type map(Types.MapType map, Type keyResult, Type valueResult) {
        return Types.MapType.ofOptional(map.keyId(), map.valueId(), keyResult, valueResult);
    }

    @Override
    public Type primitive(Type.PrimitiveType primitive) {
        return primitive;
    }
}
