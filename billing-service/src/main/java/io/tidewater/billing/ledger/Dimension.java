package io.tidewater.billing.ledger;

/** What a period's cost can be broken down by. */
public enum Dimension {
    SERVICE,
    ACCOUNT,
    DAY
}
