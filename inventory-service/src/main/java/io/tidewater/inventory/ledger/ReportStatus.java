package io.tidewater.inventory.ledger;

import java.util.List;

/** Where a report is: {@code received → sent → succeeded | quarantined | failed}, or {@code rejected} at intake. */
public enum ReportStatus {
    RECEIVED,
    REJECTED,
    SENT,
    SUCCEEDED,
    QUARANTINED,
    FAILED;

    /** The statuses of a report whose rows the table holds. */
    public static final List<ReportStatus> LOADED = List.of(SUCCEEDED, QUARANTINED);
}
