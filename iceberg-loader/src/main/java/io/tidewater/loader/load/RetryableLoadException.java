package io.tidewater.loader.load;

/** The load failed for a reason that may pass, such as an unreachable object store: deliver the job again. */
public class RetryableLoadException extends RuntimeException {

    public RetryableLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
