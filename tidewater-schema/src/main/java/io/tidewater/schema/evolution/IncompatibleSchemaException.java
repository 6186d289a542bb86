package io.tidewater.schema.evolution;

import io.tidewater.schema.InvalidInputException;
import java.util.List;

/** The plan rejects the file's schema under the policy: do not retry, quarantine the file. */
public class IncompatibleSchemaException extends InvalidInputException {
    private final List<SchemaChange.RejectColumn> rejections;

    public IncompatibleSchemaException(String message, List<SchemaChange.RejectColumn> rejections) {
        super(message);
        this.rejections = List.copyOf(rejections);
    }

    /** @return every rejected column, not just the first */
    public List<SchemaChange.RejectColumn> rejections() {
        return rejections;
    }
}
