package io.tidewater.trigger.run;

/** A run could not be sent or recorded for a passing reason, such as an unreachable queue: retry the message. */
public class RetryableRunException extends RuntimeException {

    public RetryableRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
