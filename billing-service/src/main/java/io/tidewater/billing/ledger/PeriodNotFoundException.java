package io.tidewater.billing.ledger;

/** No delivery of the period was loaded: fix the request. */
public class PeriodNotFoundException extends RuntimeException {

    public PeriodNotFoundException(String message) {
        super(message);
    }
}
