package io.tidewater.trigger.run;

import io.tidewater.service.admin.ConflictException;

/** The run is not in a state that allows the request, such as a replay of a run that is still loading. */
public class RunConflictException extends ConflictException {

    public RunConflictException(String message) {
        super(message);
    }
}
