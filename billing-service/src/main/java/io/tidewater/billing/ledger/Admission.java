package io.tidewater.billing.ledger;

/** What the ledger decided about a delivery. */
public sealed interface Admission {

    /** The delivery is the newest of its period and nothing loads the period: its job was sent. */
    record Dispatched(DeliveryRecord delivery) implements Admission {}

    /** The delivery is the newest, but another load of the period is in flight: it is sent when that one ends. */
    record Queued(DeliveryRecord delivery, String behind) implements Admission {}

    /** Nothing changes: a known delivery again, or one older than what the period holds or loads. */
    record Skipped(SkipReason reason, String detail) implements Admission {}

    enum SkipReason {
        DUPLICATE,
        SUPERSEDED
    }
}
