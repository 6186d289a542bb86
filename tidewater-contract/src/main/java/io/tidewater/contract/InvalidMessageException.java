package io.tidewater.contract;

/** A message that can never be processed as it is: route it to the dead-letter queue rather than retry it. */
public class InvalidMessageException extends RuntimeException {

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
