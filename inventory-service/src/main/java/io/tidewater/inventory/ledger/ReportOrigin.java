package io.tidewater.inventory.ledger;

/** How a report came in: routed by the workflow trigger, or asked for through the admin API. */
public enum ReportOrigin {
    /** A {@code ReportArrived} from the workflow trigger, whose run ledger follows the report. */
    EVENT,
    /** The bucket and key of a {@code manifest.json} or {@code manifest.checksum}. */
    LOCATION,
    /** A manifest passed in the request. */
    INLINE
}
