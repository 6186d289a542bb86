package io.tidewater.billing.ledger;

/** A billing period as a reader of the table sees it. */
public enum PeriodState {
    /** Nothing loaded yet, a load in flight. */
    LOADING,
    /** Month to date: AWS will restate it. */
    ESTIMATED,
    /** Invoiced ({@code bill/InvoiceId} is set); AWS may still restate it with refunds, credits or fees. */
    FINAL,
    /** Nothing loaded, and the last attempt failed. */
    FAILED
}
