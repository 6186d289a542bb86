package io.tidewater.inventory.ledger;

/** No report has the id asked for: fix the request. */
public class ReportNotFoundException extends RuntimeException {

    public ReportNotFoundException(String message) {
        super(message);
    }
}
