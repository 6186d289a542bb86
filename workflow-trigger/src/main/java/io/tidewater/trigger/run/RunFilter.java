package io.tidewater.trigger.run;

import io.tidewater.contract.RunState;
import java.time.Instant;

/**
 * Which runs to list, newest first; {@code null} fields do not filter.
 *
 * @param pipeline only this pipeline's runs
 * @param state only runs in this state
 * @param since only runs recorded at or after this time
 * @param limit at most this many runs
 */
public record RunFilter(String pipeline, RunState state, Instant since, int limit) {
    public RunFilter {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("Cannot list runs: limit " + limit + " is not between 1 and 1000");
        }
    }
}
