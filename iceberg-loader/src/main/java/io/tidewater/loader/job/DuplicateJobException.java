package io.tidewater.loader.job;

import io.tidewater.service.admin.ConflictException;

/** A job with this id is queued or running already: submitting it again would run it twice at once. */
class DuplicateJobException extends ConflictException {

    DuplicateJobException(String message) {
        super(message);
    }
}
