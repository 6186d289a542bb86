package io.tidewater.inventory.ledger;

import io.tidewater.service.admin.NotFoundException;

/** No report has the id asked for: fix the request. */
public class ReportNotFoundException extends NotFoundException {

    public ReportNotFoundException(String message) {
        super(message);
    }
}
