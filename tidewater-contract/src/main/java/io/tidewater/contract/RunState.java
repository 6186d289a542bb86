package io.tidewater.contract;

/**
 * Where a workflow run is: {@code received → routed → crawled → loading → succeeded | failed | quarantined}.
 *
 * <p>The three final states mean the same in every service: {@link #SUCCEEDED} and {@link #QUARANTINED} published the
 * input's rows, {@link #FAILED} published none of them.
 */
public enum RunState {
    RECEIVED,
    ROUTED,
    CRAWLED,
    LOADING,
    /** Every row of the input is in its table. */
    SUCCEEDED,
    /**
     * Nothing of the input was published: the input was rejected (an invalid manifest, delivery or message; a file
     * whose checksum differs) or its load failed. The reason says which; a rejected message is also parked on its
     * queue's dead-letter queue.
     */
    FAILED,
    /**
     * The input's rows were published, except those that did not parse: they are in the table's quarantine table
     * ({@code <table>_quarantine}) with their file, line and reason, and the update's row count is theirs.
     */
    QUARANTINED;

    /** Whether the run has ended. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == QUARANTINED;
    }
}
