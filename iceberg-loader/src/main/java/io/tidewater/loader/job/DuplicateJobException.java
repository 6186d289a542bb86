package io.tidewater.loader.job;

/** A job with this id is queued or running already: submitting it again would run it twice at once. */
class DuplicateJobException extends RuntimeException {

    DuplicateJobException(String message) {
        super(message);
    }
}
