package io.tidewater.service.messaging;

import static java.util.Objects.requireNonNull;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.RunState;
import io.tidewater.contract.RunUpdated;
import java.time.Clock;

/** Tells the workflow trigger's run ledger how a run is going, as every domain service does at each of its steps. */
public final class RunUpdatesClient {

    private final SqsTemplate sqs;
    private final String queue;
    private final Clock clock;

    /**
     * @param sqs the template that sends
     * @param queue the trigger's run-updates queue
     * @param clock the clock that stamps each update
     */
    public RunUpdatesClient(SqsTemplate sqs, String queue, Clock clock) {
        this.sqs = requireNonNull(sqs, "sqs is null");
        this.queue = requireNonNull(queue, "queue is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Sends a {@link RunUpdated} for the run.
     *
     * @param table the table the run loads, or {@code null} while it is not known
     * @param detail what happened, or {@code null}
     */
    public void send(String runId, RunState state, String table, long rows, String detail) {
        RunUpdated update = new RunUpdated(runId, state, table, rows, detail, clock.instant());
        sqs.send(to -> to.queue(queue).payload(MessageJson.write(update)));
    }
}
