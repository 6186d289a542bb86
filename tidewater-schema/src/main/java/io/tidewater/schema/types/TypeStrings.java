package io.tidewater.schema.types;

import static java.util.Objects.requireNonNull;

import io.tidewater.schema.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * Converts Iceberg types to and from strings. Primitive types use Iceberg's own spelling ({@code long},
 * {@code timestamptz}, {@code decimal(38,10)}); nested types are written {@code struct<name: type, ...>},
 * {@code list<type>} and {@code map<key, value>}, with {@code required} before the type of a required field.
 */
public final class TypeStrings {
    private TypeStrings() {}

    /**
     * Writes a type as a string.
     *
     * @param type any Iceberg type, not null
     * @return the string form, which {@link #parse(String)} reads back to an equal type up to field ids
     */
    public static String format(Type type) {
        requireNonNull(type, "type is null");
        if (type.isPrimitiveType()) {
            return primitive(type.asPrimitiveType());
        }
        return TypeUtil.visit(type, new Formatter());
    }

    /**
     * Reads a type string written by {@link #format(Type)}. Nested fields get ids from 1 in reading order.
     *
     * @param text the type string, not null
     * @return the Iceberg type
     * @throws InvalidInputException when the text is not a type string
     */
    public static Type parse(String text) {
        requireNonNull(text, "text is null");
        Parser parser = new Parser(text);
        Type type = parser.type();
        parser.skipSpaces();
        if (parser.position != text.length()) {
            throw new InvalidInputException(
                    "Cannot parse type '%s': unexpected text at position %d".formatted(text, parser.position));
        }
        return type;
    }

    /** Iceberg writes {@code decimal(38, 10)}; the compact {@code decimal(38,10)} is what Spark and Athena users type. */
    private static String primitive(Type.PrimitiveType primitive) {
        return primitive.typeId() == Type.TypeID.DECIMAL
                ? primitive.toString().replace(", ", ",")
                : primitive.toString();
    }

    private static final class Formatter extends TypeUtil.SchemaVisitor<String> {
        @Override
        public String schema(Schema schema, String structResult) {
            return structResult;
        }

        @Override
        public String struct(Types.StructType struct, List<String> fieldResults) {
            return "struct<" + String.join(", ", fieldResults) + ">";
        }

        @Override
        public String field(Types.NestedField field, String fieldResult) {
            return field.name() + ": " + (field.isRequired() ? "required " : "") + fieldResult;
        }

        @Override
        public String list(Types.ListType list, String elementResult) {
            return "list<" + (list.isElementRequired() ? "required " : "") + elementResult + ">";
        }

        @Override
        public String map(Types.MapType map, String keyResult, String valueResult) {
            return "map<" + keyResult + ", " + (map.isValueRequired() ? "required " : "") + valueResult + ">";
        }

        @Override
        public String primitive(Type.PrimitiveType primitive) {
            return TypeStrings.primitive(primitive);
        }
    }

    private static final class Parser {
        private final String text;
        private final AtomicInteger nextId = new AtomicInteger(1);
        private int position;

        Parser(String text) {
            this.text = text;
        }

        Type type() {
            skipSpaces();
            if (consumeWord("struct<")) {
                List<Types.NestedField> fields = new ArrayList<>();
                skipSpaces();
                if (!consume('>')) {
                    do {
                        skipSpaces();
                        String name = until(':');
                        expect(':');
                        boolean required = requiredMarker();
                        Type fieldType = type();
                        fields.add(Types.NestedField.of(nextId.getAndIncrement(), !required, name.trim(), fieldType));
                        skipSpaces();
                    } while (consume(','));
                    expect('>');
                }
                return Types.StructType.of(fields);
            }
            if (consumeWord("list<")) {
                boolean required = requiredMarker();
                Type element = type();
                skipSpaces();
                expect('>');
                int id = nextId.getAndIncrement();
                return required ? Types.ListType.ofRequired(id, element) : Types.ListType.ofOptional(id, element);
            }
            if (consumeWord("map<")) {
                Type key = type();
                skipSpaces();
                expect(',');
                boolean required = requiredMarker();
                Type value = type();
                skipSpaces();
                expect('>');
                int keyId = nextId.getAndIncrement();
                int valueId = nextId.getAndIncrement();
                return required
                        ? Types.MapType.ofRequired(keyId, valueId, key, value)
                        : Types.MapType.ofOptional(keyId, valueId, key, value);
            }
            int start = position;
            int depth = 0;
            while (position < text.length()) {
                char character = text.charAt(position);
                if (character == '(' || character == '[') {
                    depth++;
                } else if (character == ')' || character == ']') {
                    depth--;
                } else if (depth == 0 && (character == ',' || character == '>')) {
                    break;
                }
                position++;
            }
            String primitive = text.substring(start, position).trim();
            try {
                return Types.fromPrimitiveString(primitive);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        "Cannot parse type '%s': unknown type '%s'".formatted(text, primitive), e);
            }
        }

        private boolean requiredMarker() {
            skipSpaces();
            return consumeWord("required ");
        }

        private String until(char stop) {
            int start = position;
            while (position < text.length() && text.charAt(position) != stop) {
                position++;
            }
            return text.substring(start, position);
        }

        private boolean consumeWord(String word) {
            if (text.startsWith(word, position)) {
                position += word.length();
                return true;
            }
            return false;
        }

        private boolean consume(char character) {
            if (position < text.length() && text.charAt(position) == character) {
                position++;
                return true;
            }
            return false;
        }

        private void expect(char character) {
            if (!consume(character)) {
                throw new InvalidInputException(
                        "Cannot parse type '%s': expected '%s' at position %d".formatted(text, character, position));
            }
        }

        void skipSpaces() {
            while (position < text.length() && text.charAt(position) == ' ') {
                position++;
            }
        }
    }
}
