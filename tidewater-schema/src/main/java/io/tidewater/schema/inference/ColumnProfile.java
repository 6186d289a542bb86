package io.tidewater.schema.inference;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** Counts the shapes of one column's sampled values and joins them into one Iceberg type on the inference lattice. */
final class ColumnProfile {
    private final Set<String> nullTokens;
    private final Map<ValueShape.Kind, Integer> counts = new EnumMap<>(ValueShape.Kind.class);
    private final Map<String, Integer> tokens = new LinkedHashMap<>();
    private int nulls;
    private int nonNulls;
    private int maxIntegerDigits;
    private int maxScale;

    ColumnProfile(Set<String> nullTokens) {
        this.nullTokens = nullTokens;
    }

    void add(String value) {
        if (value == null || nullTokens.contains(value)) {
            nulls++;
            if (value != null && !value.isEmpty()) {
                tokens.merge(value, 1, Integer::sum);
            }
            return;
        }
        add(ValueShape.of(value));
    }

    void add(ValueShape shape) {
        nonNulls++;
        counts.merge(shape.kind(), 1, Integer::sum);
        maxIntegerDigits = Math.max(maxIntegerDigits, shape.integerDigits());
        maxScale = Math.max(maxScale, shape.scale());
    }

    void merge(ColumnProfile other) {
        nulls += other.nulls;
        nonNulls += other.nonNulls;
        other.counts.forEach((kind, count) -> counts.merge(kind, count, Integer::sum));
        maxIntegerDigits = Math.max(maxIntegerDigits, other.maxIntegerDigits);
        maxScale = Math.max(maxScale, other.maxScale);
    }

    /** The non-empty null tokens seen in the column, with how often each was seen, in order of first sight. */
    Map<String, Integer> tokens() {
        return tokens;
    }

    void addNull() {
        nulls++;
    }

    boolean hasNulls() {
        return nulls > 0;
    }

    int nonNulls() {
        return nonNulls;
    }

    /** @return the join of every sampled shape; {@code string} when nothing was seen or the shapes do not mix */
    Type type(NumberTyping typing) {
        if (nonNulls == 0) {
            return Types.StringType.get();
        }
        if (only(ValueShape.Kind.BOOLEAN)) {
            return Types.BooleanType.get();
        }
        if (only(
                ValueShape.Kind.INT,
                ValueShape.Kind.LONG,
                ValueShape.Kind.BIG_INTEGER,
                ValueShape.Kind.DECIMAL,
                ValueShape.Kind.DOUBLE)) {
            return numberType(typing);
        }
        if (only(ValueShape.Kind.DATE)) {
            return Types.DateType.get();
        }
        if (only(ValueShape.Kind.DATE, ValueShape.Kind.TIMESTAMP)) {
            return Types.TimestampType.withoutZone();
        }
        if (only(ValueShape.Kind.TIMESTAMPTZ)) {
            return Types.TimestampType.withZone();
        }
        return Types.StringType.get();
    }

    private Type numberType(NumberTyping typing) {
        boolean doubles = counts.containsKey(ValueShape.Kind.DOUBLE);
        boolean decimals = counts.containsKey(ValueShape.Kind.DECIMAL);
        boolean bigIntegers = counts.containsKey(ValueShape.Kind.BIG_INTEGER);
        boolean longs = counts.containsKey(ValueShape.Kind.LONG);
        if (typing == NumberTyping.STABLE) {
            if (doubles || decimals) {
                return Types.DoubleType.get();
            }
            // A double would silently round 20-digit identifiers; a string keeps them.
            return bigIntegers ? Types.StringType.get() : Types.LongType.get();
        }
        if (doubles) {
            return Types.DoubleType.get();
        }
        if (decimals || bigIntegers) {
            int precision = Math.max(1, maxIntegerDigits + maxScale);
            return precision <= 38 ? Types.DecimalType.of(precision, maxScale) : Types.DoubleType.get();
        }
        return longs ? Types.LongType.get() : Types.IntegerType.get();
    }

    /**
     * @return the share of non-null values that agree with the chosen type without falling back to string, scaled by
     *     n/(n+1) so a handful of values never claims certainty
     */
    double confidence(Type type) {
        if (nonNulls == 0) {
            return 0;
        }
        int agreeing;
        if (type.typeId() == Type.TypeID.STRING) {
            agreeing = counts.getOrDefault(ValueShape.Kind.STRING, 0);
            if (agreeing == 0) {
                // Every value had a narrower shape but the shapes did not mix: take the largest family.
                agreeing = counts.values().stream()
                        .mapToInt(Integer::intValue)
                        .max()
                        .orElse(0);
            }
        } else {
            agreeing = nonNulls;
        }
        return ((double) agreeing / nonNulls) * ((double) nonNulls / (nonNulls + 1));
    }

    private boolean only(ValueShape.Kind... kinds) {
        int covered = 0;
        for (ValueShape.Kind kind : kinds) {
            covered += counts.getOrDefault(kind, 0);
        }
        return covered == nonNulls;
    }

    /** @return whether a value of this shape can be stored in the type without turning it into text */
    static boolean fits(ValueShape shape, Type type) {
        ValueShape.Kind kind = shape.kind();
        return switch (type.typeId()) {
            case BOOLEAN -> kind == ValueShape.Kind.BOOLEAN;
            case INTEGER -> kind == ValueShape.Kind.INT;
            case LONG -> kind == ValueShape.Kind.INT || kind == ValueShape.Kind.LONG;
            case DECIMAL, DOUBLE, FLOAT ->
                kind == ValueShape.Kind.INT
                        || kind == ValueShape.Kind.LONG
                        || kind == ValueShape.Kind.BIG_INTEGER
                        || kind == ValueShape.Kind.DECIMAL
                        || kind == ValueShape.Kind.DOUBLE;
            case DATE -> kind == ValueShape.Kind.DATE;
            case TIMESTAMP ->
                ((Types.TimestampType) type).shouldAdjustToUTC()
                        ? kind == ValueShape.Kind.TIMESTAMPTZ
                        : kind == ValueShape.Kind.TIMESTAMP || kind == ValueShape.Kind.DATE;
            default -> true;
        };
    }
}
