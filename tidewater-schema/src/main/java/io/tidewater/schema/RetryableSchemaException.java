package io.tidewater.schema;

/**
 * A transient failure, such as an I/O error or losing a commit race too many times. The same call may succeed later:
 * retry with backoff.
 */
public class RetryableSchemaException extends RuntimeException {
    public RetryableSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
