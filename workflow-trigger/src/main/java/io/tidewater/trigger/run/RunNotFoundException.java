package io.tidewater.trigger.run;

/** No run has this id: check the id; retrying will not help. */
public class RunNotFoundException extends RuntimeException {

    public RunNotFoundException(String message) {
        super(message);
    }
}
