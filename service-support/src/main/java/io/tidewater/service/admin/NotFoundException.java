package io.tidewater.service.admin;

/** What a request names does not exist: fix the request. Answered 404 by {@link AdminProblemDetails}. */
public abstract class NotFoundException extends RuntimeException {

    protected NotFoundException(String message) {
        super(message);
    }
}
