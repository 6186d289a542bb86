package io.tidewater.trigger.routing;

/** A message body that is not an S3 event notification in any shape AWS sends: dead-letter it, do not retry. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
