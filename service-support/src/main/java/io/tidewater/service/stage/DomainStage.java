package io.tidewater.service.stage;

import static java.util.Objects.requireNonNull;

import io.tidewater.service.ledger.LedgerProperties;

/**
 * A domain service's place in its pipeline, declared as one bean: from it the kit opens the service's ledger, and
 * wires where its run updates and load jobs go ({@code RunUpdatesClient}, {@code LoadJobsClient}).
 *
 * @param service the service's name, which names its ledger database
 * @param ledger where its ledger lives
 * @param runUpdatesQueue the trigger's run-updates queue
 * @param loadJobsQueue the loader's jobs queue for this pipeline
 */
public record DomainStage(String service, LedgerProperties ledger, String runUpdatesQueue, String loadJobsQueue) {

    public DomainStage {
        requireNonNull(service, "service is null");
        requireNonNull(ledger, "ledger is null");
        requireNonNull(runUpdatesQueue, "runUpdatesQueue is null");
        requireNonNull(loadJobsQueue, "loadJobsQueue is null");
    }
}
