package io.tidewater.billing.ledger;

/** The period is in a state that does not allow the request (such as a load in flight): try again later. */
public class PeriodConflictException extends RuntimeException {

    public PeriodConflictException(String message) {
        super(message);
    }
}
