package io.tidewater.trigger.run;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.ReportArrived;
import io.tidewater.contract.RunState;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends waiting runs to their pipelines: a run goes once its pipeline is not paused and no other run holds its table.
 */
@Component
class RunDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);

    private final RunLedger ledger;
    private final TransactionTemplate transactions;
    private final SqsTemplate sqs;
    private final Clock clock;
    // Dispatching in one thread at a time keeps this instance from racing itself; the table claim guards the rest.
    private final ReentrantLock lock = new ReentrantLock();

    RunDispatcher(RunLedger ledger, TransactionTemplate ledgerTransactions, SqsTemplate sqs, Clock clock) {
        this.ledger = ledger;
        this.transactions = ledgerTransactions;
        this.sqs = sqs;
        this.clock = clock;
    }

    void dispatch() {
        lock.lock();
        try {
            for (Run run : ledger.waiting()) {
                if (claim(run)) {
                    send(run);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean claim(Run run) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (run.targetTable() != null && !ledger.claimTable(run.targetTable(), run.runId())) {
                return false;
            }
            if (!ledger.transition(run.runId(), RunState.RECEIVED, RunState.ROUTED, clock.instant())) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        }));
    }

    private void send(Run run) {
        ReportArrived arrived = new ReportArrived(
                run.runId(),
                run.pipeline(),
                run.bucket(),
                run.key(),
                run.versionId(),
                run.eTag(),
                run.size(),
                run.eventTime());
        try {
            sqs.send(to -> to.queue(run.queue()).payload(MessageJson.write(arrived)));
        } catch (RuntimeException e) {
            // Put the run back so that the next dispatch (the next event, update or sweep) sends it.
            transactions.executeWithoutResult(status -> {
                ledger.transition(run.runId(), RunState.ROUTED, RunState.RECEIVED, clock.instant());
                ledger.releaseTables(run.runId());
            });
            throw new RetryableRunException(
                    "Cannot send run " + run.runId() + " to " + run.queue() + ": " + e.getMessage(), e);
        }
        log.info("Run {} sent to {}: {} report {}", run.runId(), run.queue(), run.pipeline(), run.uri());
    }
}
