package io.tidewater.trigger.run;

/** The run is not in a state that allows the request, such as a replay of a run that is still loading. */
public class RunConflictException extends RuntimeException {

    public RunConflictException(String message) {
        super(message);
    }
}
