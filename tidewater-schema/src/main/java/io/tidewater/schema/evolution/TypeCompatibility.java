package io.tidewater.schema.evolution;

import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/** Which incoming primitive types a table column can hold as it is, and which need Iceberg's type promotion. */
final class TypeCompatibility {
    private TypeCompatibility() {}

    /** @return whether every value of {@code incoming} can be written to a {@code table} column without loss */
    static boolean accepts(Type table, Type incoming) {
        if (table.equals(incoming)) {
            return true;
        }
        if (!table.isPrimitiveType() || !incoming.isPrimitiveType()) {
            return false;
        }
        Type.TypeID from = incoming.typeId();
        return switch (table.typeId()) {
            // Text holds the canonical form of any primitive value.
            case STRING -> true;
            case LONG -> from == Type.TypeID.INTEGER;
            case DOUBLE -> from == Type.TypeID.INTEGER || from == Type.TypeID.FLOAT;
            case DECIMAL -> acceptsInDecimal((Types.DecimalType) table, incoming);
            case TIMESTAMP -> from == Type.TypeID.DATE && !((Types.TimestampType) table).shouldAdjustToUTC();
            default -> false;
        };
    }

    /** @return whether Iceberg can widen {@code table} to {@code incoming} in place */
    static boolean promotable(Type table, Type incoming) {
        return table.isPrimitiveType()
                && incoming.isPrimitiveType()
                && !table.equals(incoming)
                && TypeUtil.isPromotionAllowed(table, incoming.asPrimitiveType());
    }

    private static boolean acceptsInDecimal(Types.DecimalType table, Type incoming) {
        int integerDigits = table.precision() - table.scale();
        return switch (incoming.typeId()) {
            case INTEGER -> integerDigits >= 10;
            case LONG -> integerDigits >= 19;
            case DECIMAL -> {
                Types.DecimalType decimal = (Types.DecimalType) incoming;
                yield decimal.scale() <= table.scale() && decimal.precision() - decimal.scale() <= integerDigits;
            }
            default -> false;
        };
    }
}
