package io.tidewater.contract;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A domain service tells the workflow trigger how a run it started is going, for the run ledger.
 *
 * @param runId the run, as {@link ReportArrived#runId()} named it
 * @param state the run's new state
 * @param table the target table, or {@code null} before it is known
 * @param rows rows loaded (or quarantined, for {@link RunState#QUARANTINED}); 0 when not applicable
 * @param detail what happened, naming the file, row or field on failure; {@code null} when there is nothing to say
 * @param at when the state changed
 */
public record RunUpdated(String runId, RunState state, String table, long rows, String detail, Instant at) {

    public RunUpdated {
        requireNonNull(runId, "runId is null");
        requireNonNull(state, "state is null");
        requireNonNull(at, "at is null");
    }
}
