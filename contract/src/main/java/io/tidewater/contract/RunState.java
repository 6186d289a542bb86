package io.tidewater.contract;

/** Where a workflow run is: {@code received → routed → crawled → loading → succeeded | failed | quarantined}. */
public enum RunState {
    RECEIVED,
    ROUTED,
    CRAWLED,
    LOADING,
    SUCCEEDED,
    FAILED,
    QUARANTINED;

    /** Whether the run has ended. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == QUARANTINED;
    }
}
