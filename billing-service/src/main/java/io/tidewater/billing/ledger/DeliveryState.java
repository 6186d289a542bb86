package io.tidewater.billing.ledger;

/**
 * Where a delivery is: {@code pending → loading → loaded → replaced}, or {@code superseded} (an older delivery, never
 * loaded) or {@code failed}.
 */
public enum DeliveryState {
    /** Newer than what the period holds, waiting for the period's load in flight to finish. */
    PENDING,
    LOADING,
    /** The rows the period holds now. */
    LOADED,
    /** Was loaded, and a newer delivery restated the period since. */
    REPLACED,
    /** Older than a delivery the period already holds or loads: recorded, never loaded. */
    SUPERSEDED,
    FAILED
}
