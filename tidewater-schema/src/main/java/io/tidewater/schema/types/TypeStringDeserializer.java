package io.tidewater.schema.types;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import org.apache.iceberg.types.Type;

/** Reads an Iceberg {@link Type} from its {@link TypeStrings} form; use with {@code @JsonDeserialize(using = ...)}. */
public final class TypeStringDeserializer extends StdDeserializer<Type> {
    public TypeStringDeserializer() {
        super(Type.class);
    }

    @Override
    public Type deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return TypeStrings.parse(parser.getValueAsString());
    }
}
