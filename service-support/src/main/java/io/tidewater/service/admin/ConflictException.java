package io.tidewater.service.admin;

/**
 * What a request names is in a state that refuses it, such as a load in flight: retry once it has settled. Answered 409
 * by {@link AdminProblemDetails}.
 */
public abstract class ConflictException extends RuntimeException {

    protected ConflictException(String message) {
        super(message);
    }
}
