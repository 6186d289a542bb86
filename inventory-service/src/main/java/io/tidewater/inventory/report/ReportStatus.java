package io.tidewater.inventory.report;

/** Where a report is: {@code received → sent → succeeded | quarantined | failed}, or {@code rejected} at intake. */
public enum ReportStatus {
    RECEIVED,
    REJECTED,
    SENT,
    SUCCEEDED,
    QUARANTINED,
    FAILED
}
