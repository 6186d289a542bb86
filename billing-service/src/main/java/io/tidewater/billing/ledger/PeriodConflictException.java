package io.tidewater.billing.ledger;

import io.tidewater.service.admin.ConflictException;

/** The period is in a state that does not allow the request (such as a load in flight): try again later. */
public class PeriodConflictException extends ConflictException {

    public PeriodConflictException(String message) {
        super(message);
    }
}
