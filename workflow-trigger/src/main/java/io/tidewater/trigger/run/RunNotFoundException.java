package io.tidewater.trigger.run;

import io.tidewater.service.admin.NotFoundException;

/** No run has this id: check the id; retrying will not help. */
public class RunNotFoundException extends NotFoundException {

    public RunNotFoundException(String message) {
        super(message);
    }
}
