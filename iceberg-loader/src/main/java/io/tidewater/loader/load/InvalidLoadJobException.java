package io.tidewater.loader.load;

/** The job or its files are wrong: delivering it again cannot succeed, so it goes to the dead-letter queue. */
public class InvalidLoadJobException extends RuntimeException {

    public InvalidLoadJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
