package io.tidewater.schema.inference;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.schema.naming.ColumnNames;
import io.tidewater.schema.naming.NormalisedNames;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** The merged shape of every JSON value seen at one position (a column, a nested field, an array element). */
final class JsonShape {
    /** Objects with more distinct keys than this are maps (tags, labels), not structs. */
    private static final int MAP_KEY_THRESHOLD = 64;

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final ColumnProfile primitives = new ColumnProfile(Set.of());
    private final Map<String, JsonShape> fields = new LinkedHashMap<>();
    private JsonShape elements;
    private int objects;
    private int arrays;
    private int primitiveValues;
    private int nulls;

    void add(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            nulls++;
            primitives.addNull();
            return;
        }
        if (node.isObject()) {
            objects++;
            Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                fields.computeIfAbsent(entry.getKey(), key -> new JsonShape()).add(entry.getValue());
            }
            return;
        }
        if (node.isArray()) {
            arrays++;
            if (elements == null) {
                elements = new JsonShape();
            }
            for (JsonNode element : node) {
                elements.add(element);
            }
            return;
        }
        primitiveValues++;
        primitives.add(shapeOf(node));
    }

    private static ValueShape shapeOf(JsonNode node) {
        if (node.isBoolean()) {
            return ValueShape.of(node.asText());
        }
        if (node.isIntegralNumber() || node.isFloatingPointNumber()) {
            ValueShape shape = ValueShape.of(node.asText());
            // JSON floats are binary doubles already; decimal typing would claim precision that is not there.
            return node.isFloatingPointNumber() && !node.isBigDecimal()
                    ? new ValueShape(ValueShape.Kind.DOUBLE, 0, 0)
                    : shape;
        }
        if (node.isTextual()) {
            ValueShape shape = ValueShape.of(node.asText());
            return switch (shape.kind()) {
                case DATE, TIMESTAMP, TIMESTAMPTZ -> shape;
                default -> ValueShape.STRING;
            };
        }
        return ValueShape.STRING;
    }

    boolean nullable() {
        return nulls > 0;
    }

    int seen() {
        return objects + arrays + primitiveValues + nulls;
    }

    double confidence(NumberTyping typing) {
        int values = objects + arrays + primitiveValues;
        if (values == 0) {
            return 0;
        }
        int dominant = Math.max(objects, Math.max(arrays, primitiveValues));
        double agreement = (double) dominant / values;
        if (primitiveValues == dominant && objects == 0 && arrays == 0) {
            agreement = primitives.confidence(primitives.type(typing)) * (values + 1) / values;
        }
        return Math.min(1, agreement * values / (values + 1));
    }

    /** @return the Iceberg type; mixed kinds (object and number at the same place) become a JSON string */
    Type type(NumberTyping typing, AtomicInteger ids) {
        int kinds = (objects > 0 ? 1 : 0) + (arrays > 0 ? 1 : 0) + (primitiveValues > 0 ? 1 : 0);
        if (kinds != 1) {
            return Types.StringType.get();
        }
        if (primitiveValues > 0) {
            return primitives.type(typing);
        }
        if (arrays > 0) {
            Type element = elements.seen() == 0 ? Types.StringType.get() : elements.type(typing, ids);
            return Types.ListType.ofOptional(ids.incrementAndGet(), element);
        }
        if (isMap()) {
            JsonShape values = new JsonShape();
            for (JsonShape field : fields.values()) {
                values.merge(field);
            }
            int keyId = ids.incrementAndGet();
            int valueId = ids.incrementAndGet();
            return Types.MapType.ofOptional(keyId, valueId, Types.StringType.get(), values.type(typing, ids));
        }
        List<String> sourceNames = new ArrayList<>(fields.keySet());
        NormalisedNames names = ColumnNames.normalise(sourceNames);
        List<Types.NestedField> nested = new ArrayList<>(fields.size());
        for (int index = 0; index < sourceNames.size(); index++) {
            JsonShape field = fields.get(sourceNames.get(index));
            nested.add(Types.NestedField.optional(
                    ids.incrementAndGet(), names.names().get(index), field.type(typing, ids)));
        }
        return Types.StructType.of(nested);
    }

    Map<String, JsonShape> fields() {
        return fields;
    }

    private boolean isMap() {
        if (fields.size() > MAP_KEY_THRESHOLD) {
            return true;
        }
        boolean oddKeys = fields.keySet().stream()
                .anyMatch(key -> !FIELD_NAME.matcher(key).matches());
        boolean primitiveValuesOnly =
                fields.values().stream().allMatch(field -> field.objects == 0 && field.arrays == 0);
        // Keys such as "user:Cost Center" are data (tags), not field names.
        return oddKeys && primitiveValuesOnly;
    }

    private void merge(JsonShape other) {
        objects += other.objects;
        arrays += other.arrays;
        primitiveValues += other.primitiveValues;
        nulls += other.nulls;
        primitives.merge(other.primitives);
        other.fields.forEach((name, shape) ->
                fields.computeIfAbsent(name, key -> new JsonShape()).merge(shape));
        if (other.elements != null) {
            if (elements == null) {
                elements = new JsonShape();
            }
            elements.merge(other.elements);
        }
    }
}
