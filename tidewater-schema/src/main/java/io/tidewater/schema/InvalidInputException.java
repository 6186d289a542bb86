package io.tidewater.schema;

/**
 * The input (a file, a schema or a plan) cannot be used as it is. Retrying will fail the same way: quarantine the
 * input and tell a person.
 */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
