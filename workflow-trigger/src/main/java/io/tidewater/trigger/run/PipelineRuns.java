package io.tidewater.trigger.run;

import static java.util.Objects.requireNonNull;

import io.tidewater.contract.RunState;
import java.time.Instant;
import java.util.Map;

/**
 * One pipeline's runs in the ledger.
 *
 * @param pipeline the pipeline's name
 * @param runsByState how many runs are in each state; states without runs are absent
 * @param lastFinishedAt when the pipeline's last run ended, or {@code null} when none has
 */
public record PipelineRuns(String pipeline, Map<RunState, Long> runsByState, Instant lastFinishedAt) {

    public PipelineRuns {
        requireNonNull(pipeline, "pipeline is null");
        runsByState = Map.copyOf(requireNonNull(runsByState, "runsByState is null"));
    }

    /** Runs that have not ended: received, routed, crawled or loading. */
    public long inFlight() {
        return runsByState.entrySet().stream()
                .filter(entry -> !entry.getKey().isFinal())
                .mapToLong(Map.Entry::getValue)
                .sum();
    }
}
