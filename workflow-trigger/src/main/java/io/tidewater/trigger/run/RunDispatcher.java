package io.tidewater.trigger.run;

import io.awspring.cloud.sqs.operations.SendBatchOperationFailedException;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.ReportArrived;
import io.tidewater.contract.RunState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends waiting runs to their pipelines: a run goes once its pipeline is not paused and no other run holds its table.
 */
@Component
class RunDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);
    // SQS SendMessageBatch takes at most ten messages.
    private static final int SEND_BATCH = 10;

    private final RunRepository runs;
    private final TableSlotRepository tableSlots;
    private final TransactionTemplate transactions;
    private final SqsTemplate sqs;
    private final Clock clock;
    // Claiming in one thread at a time keeps this instance from racing itself for the same runs (the conditional
    // updates would refuse the loser anyway); the sends happen outside, so that batches send side by side.
    private final ReentrantLock lock = new ReentrantLock();
    // Set by every caller before it tries the lock, cleared by the claimer before it reads the waiting runs: whoever
    // holds the lock claims again while it is set, so a request that finds the lock taken is never lost.
    private final AtomicBoolean requested = new AtomicBoolean();

    RunDispatcher(
            RunRepository runs,
            TableSlotRepository tableSlots,
            TransactionTemplate ledgerTransactions,
            SqsTemplate sqs,
            Clock clock) {
        this.runs = runs;
        this.tableSlots = tableSlots;
        this.transactions = ledgerTransactions;
        this.sqs = sqs;
        this.clock = clock;
    }

    /**
     * Claims every run that may go in one transaction, then sends them, ten to a request, the requests side by side;
     * waits for the claim when another thread is claiming.
     *
     * @throws RetryableRunException if some could not be sent: those wait again for the next dispatch
     */
    void dispatch() {
        requested.set(true);
        lock.lock();
        dispatchWhileRequested();
    }

    /**
     * As {@link #dispatch}, unless another thread is claiming: then that thread claims once more for this caller, and
     * this one returns at once. For the events listener, whose batches would otherwise queue up behind each other's
     * claims for the ledger's one SQLite connection.
     */
    void dispatchSoon() {
        requested.set(true);
        if (lock.tryLock()) {
            dispatchWhileRequested();
        }
    }

    /** Called holding the lock; claims and sends until no request is left, then throws the first send failure. */
    private void dispatchWhileRequested() {
        RuntimeException failure = null;
        do {
            List<Run> claimed;
            try {
                requested.set(false);
                claimed = claimWaiting();
            } finally {
                lock.unlock();
            }
            try {
                if (!claimed.isEmpty()) {
                    send(claimed);
                }
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        } while (requested.get() && lock.tryLock());
        if (failure != null) {
            throw failure;
        }
    }

    /** The runs that took their table (if they have one) and moved RECEIVED → ROUTED, in the waiting order. */
    private List<Run> claimWaiting() {
        return transactions.execute(status -> {
            List<Run> waiting = runs.waiting();
            // Runs without a table only move state, all in one batch; runs with one take it in the waiting order.
            List<Run> free =
                    waiting.stream().filter(run -> run.targetTable() == null).toList();
            boolean[] moved = runs.transitionAll(
                    free.stream().map(Run::runId).toList(), RunState.RECEIVED, RunState.ROUTED, clock.instant());
            Set<String> claimed = new HashSet<>();
            for (int index = 0; index < free.size(); index++) {
                if (moved[index]) {
                    claimed.add(free.get(index).runId());
                }
            }
            for (Run run : waiting) {
                if (run.targetTable() == null) {
                    continue;
                }
                // A table taken for a run that another dispatcher routed meanwhile must be given back.
                Object savepoint = status.createSavepoint();
                if (tableSlots.claim(run.targetTable(), run.runId())
                        && runs.transition(run.runId(), RunState.RECEIVED, RunState.ROUTED, clock.instant())) {
                    status.releaseSavepoint(savepoint);
                    claimed.add(run.runId());
                } else {
                    status.rollbackToSavepoint(savepoint);
                }
            }
            return waiting.stream().filter(run -> claimed.contains(run.runId())).toList();
        });
    }

    private void send(List<Run> claimed) {
        Map<String, List<Run>> byQueue = new LinkedHashMap<>();
        claimed.forEach(run ->
                byQueue.computeIfAbsent(run.queue(), queue -> new ArrayList<>()).add(run));
        List<SentBatch> sending = new ArrayList<>();
        byQueue.forEach((queue, queued) -> {
            for (int from = 0; from < queued.size(); from += SEND_BATCH) {
                sending.add(sendBatch(queue, queued.subList(from, Math.min(from + SEND_BATCH, queued.size()))));
            }
        });
        List<Run> unsent = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (SentBatch batch : sending) {
            List<Run> failed = batch.unsent(failures);
            unsent.addAll(failed);
            batch.runs().stream()
                    .filter(run -> !failed.contains(run))
                    .forEach(run -> log.info(
                            "Run {} sent to {}: {} report {}", run.runId(), run.queue(), run.pipeline(), run.uri()));
        }
        if (unsent.isEmpty()) {
            return;
        }
        // Put the runs back so that the next dispatch (the next event, update or sweep) sends them.
        transactions.executeWithoutResult(status -> unsent.forEach(run -> {
            runs.transition(run.runId(), RunState.ROUTED, RunState.RECEIVED, clock.instant());
            tableSlots.release(run.runId());
        }));
        RetryableRunException failure = new RetryableRunException(
                "Cannot send runs "
                        + unsent.stream()
                                .map(run -> run.runId() + " to " + run.queue())
                                .toList()
                        + ": "
                        + String.join(
                                "; ",
                                failures.stream()
                                        .map(RuntimeException::getMessage)
                                        .toList()),
                failures.get(0));
        failures.stream().skip(1).forEach(failure::addSuppressed);
        throw failure;
    }

    private SentBatch sendBatch(String queue, List<Run> runs) {
        Map<String, Run> byPayload = new LinkedHashMap<>();
        List<Message<String>> messages = new ArrayList<>();
        for (Run run : runs) {
            String payload = MessageJson.write(reportArrived(run));
            byPayload.put(payload, run);
            messages.add(MessageBuilder.withPayload(payload).build());
        }
        CompletableFuture<?> sent;
        try {
            sent = sqs.sendManyAsync(queue, messages);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return new SentBatch(runs, byPayload, sent);
    }

    /** One SendMessageBatch request on its way. */
    private record SentBatch(List<Run> runs, Map<String, Run> byPayload, CompletableFuture<?> sent) {

        /** Waits for the request; returns the runs SQS did not take and adds why to {@code failures}. */
        List<Run> unsent(List<RuntimeException> failures) {
            try {
                sent.join();
                return List.of();
            } catch (CompletionException | CancellationException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                RuntimeException failure = cause instanceof RuntimeException runtime
                        ? runtime
                        : new IllegalStateException(cause.getMessage(), cause);
                failures.add(failure);
                if (failure instanceof SendBatchOperationFailedException batchFailure) {
                    List<Run> failed = batchFailure.getSendBatchResult(String.class).failed().stream()
                            .map(result -> byPayload.get(result.message().getPayload()))
                            .toList();
                    // When the failures name no known run, all of them wait again: the domain services take a run
                    // sent twice once (their loads are idempotent), while a run never sent would be lost.
                    return failed.isEmpty() || failed.contains(null) ? runs : failed;
                }
                return runs;
            }
        }
    }

    private static ReportArrived reportArrived(Run run) {
        return new ReportArrived(
                run.runId(),
                run.pipeline(),
                run.bucket(),
                run.key(),
                run.versionId(),
                run.eTag(),
                run.size(),
                run.eventTime());
    }
}
