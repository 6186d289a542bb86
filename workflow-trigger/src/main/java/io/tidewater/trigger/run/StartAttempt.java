package io.tidewater.trigger.run;

import static java.util.Objects.requireNonNull;

/** What one request of a batch came to: recorded with an outcome, or not recorded at all. */
public sealed interface StartAttempt {

    /** The ledger holds the request's outcome durably: its message may be acknowledged. */
    record Recorded(StartOutcome outcome) implements StartAttempt {
        public Recorded {
            requireNonNull(outcome, "outcome is null");
        }
    }

    /**
     * Nothing of the request is in the ledger. An {@code InvalidEventException} cause means the event can never be
     * recorded (dead-letter it); any other cause may pass (retry it).
     */
    record NotRecorded(RuntimeException cause) implements StartAttempt {
        public NotRecorded {
            requireNonNull(cause, "cause is null");
        }
    }
}
