package io.tidewater.loader.job;

import java.util.NoSuchElementException;

/** No job with this id is queued, running or among the recently finished ones. */
class UnknownJobException extends NoSuchElementException {

    UnknownJobException(String message) {
        super(message);
    }
}
