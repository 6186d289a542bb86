package io.tidewater.trigger.notification;

import static java.util.Objects.requireNonNull;

import io.tidewater.contract.RunState;
import java.time.Instant;

/**
 * A run ended: what was loaded from where, into which table, and how it went.
 *
 * @param runId the run
 * @param pipeline the pipeline
 * @param uri the completion marker, {@code s3://bucket/key}
 * @param state {@code SUCCEEDED}, {@code FAILED} or {@code QUARANTINED}
 * @param table the target table, or {@code null} when unknown
 * @param rows rows loaded (or quarantined)
 * @param detail the error or detail the domain service reported, or {@code null}
 * @param attempts how many times the run was started
 * @param startedAt when the trigger recorded the run
 * @param finishedAt when the run ended
 */
public record RunSummary(
        String runId,
        String pipeline,
        String uri,
        RunState state,
        String table,
        long rows,
        String detail,
        int attempts,
        Instant startedAt,
        Instant finishedAt) {

    public RunSummary {
        requireNonNull(runId, "runId is null");
        requireNonNull(state, "state is null");
    }
}
