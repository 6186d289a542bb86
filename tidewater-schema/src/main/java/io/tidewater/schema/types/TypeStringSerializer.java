package io.tidewater.schema.types;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.apache.iceberg.types.Type;

/** Writes an Iceberg {@link Type} as its {@link TypeStrings} form; use with {@code @JsonSerialize(using = ...)}. */
public final class TypeStringSerializer extends StdSerializer<Type> {
    public TypeStringSerializer() {
        super(Type.class);
    }

    @Override
    public void serialize(Type value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(TypeStrings.format(value));
    }
}
