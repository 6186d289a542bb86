package io.tidewater.billing.period;

/** No delivery of the period was loaded: fix the request. */
public class PeriodNotFoundException extends RuntimeException {

    public PeriodNotFoundException(String message) {
        super(message);
    }
}
