package io.tidewater.billing.period;

/** What a period's cost can be broken down by. */
public enum Dimension {
    SERVICE,
    ACCOUNT,
    DAY
}
