package io.tidewater.billing.ledger;

import io.tidewater.service.admin.NotFoundException;

/** No delivery of the period was loaded: fix the request. */
public class PeriodNotFoundException extends NotFoundException {

    public PeriodNotFoundException(String message) {
        super(message);
    }
}
