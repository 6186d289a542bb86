package io.tidewater.trigger.run;

import io.tidewater.contract.RunState;
import io.tidewater.trigger.routing.InvalidEventException;
import io.tidewater.trigger.routing.ObjectCreated;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records runs for a batch of completion markers in one ledger transaction: one run per object version, none for an
 * event older than the newest one seen for its key.
 */
@Component
class RunRecorder {

    private final RunRepository runs;
    private final KeyPositionRepository keyPositions;
    private final TransactionTemplate transactions;
    private final Clock clock;
    // The ledger takes one writer at a time (SQLite has one connection); batches that wait for it are written together.
    private final ReentrantLock writer = new ReentrantLock();
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();

    RunRecorder(
            RunRepository runs,
            KeyPositionRepository keyPositions,
            TransactionTemplate ledgerTransactions,
            Clock clock) {
        this.runs = runs;
        this.keyPositions = keyPositions;
        this.transactions = ledgerTransactions;
        this.clock = clock;
    }

    /**
     * One attempt per request, in the requests' order, from one transaction of set-based statements. Within the batch,
     * the newest event of a key goes first: older events of that key in the same batch are superseded, as if S3 had
     * delivered them in order and late. Should that transaction fail, the batch is recorded again one request at a
     * time, each under its own savepoint, so that one that fails leaves nothing behind and fails alone; when that
     * commit fails too, every request fails with it. Batches that arrive while another thread writes are written with
     * the next one, in one transaction: newest-first per key then holds across them.
     */
    List<StartAttempt> record(List<RunRequest> requests) {
        Pending mine = new Pending(requests, new CompletableFuture<>());
        pending.add(mine);
        writer.lock();
        try {
            if (!mine.attempts().isDone()) {
                writeGroup();
            }
        } finally {
            writer.unlock();
        }
        return mine.attempts().join();
    }

    /**
     * Group commit: the batches that queued up while the ledger's one writer was busy go into one transaction, as one
     * batch, each given back its own attempts.
     */
    private void writeGroup() {
        List<Pending> group = new ArrayList<>();
        for (Pending next = pending.poll(); next != null; next = pending.poll()) {
            group.add(next);
        }
        List<RunRequest> all = new ArrayList<>();
        group.forEach(batch -> all.addAll(batch.requests()));
        try {
            List<StartAttempt> attempts;
            try {
                attempts = transactions.execute(status -> recordTogether(all));
            } catch (RuntimeException together) {
                attempts = recordOneByOne(all);
            }
            int from = 0;
            for (Pending batch : group) {
                batch.attempts()
                        .complete(List.copyOf(
                                attempts.subList(from, from + batch.requests().size())));
                from += batch.requests().size();
            }
        } catch (Error e) {
            // No waiting batch may wait forever, whatever went wrong.
            group.forEach(batch -> batch.attempts().completeExceptionally(e));
            throw e;
        }
    }

    /** A batch waiting for the writer, and where its attempts go. */
    private record Pending(List<RunRequest> requests, CompletableFuture<List<StartAttempt>> attempts) {}

    private List<StartAttempt> recordTogether(List<RunRequest> requests) {
        StartAttempt[] attempts = new StartAttempt[requests.size()];
        String[] versions = new String[requests.size()];
        Set<String> runIds = new HashSet<>();
        for (int index = 0; index < requests.size(); index++) {
            try {
                versions[index] = requests.get(index).object().objectVersion();
                runIds.add(Runs.runIdOf(requests.get(index).object()));
            } catch (InvalidEventException invalid) {
                attempts[index] = new StartAttempt.NotRecorded(invalid);
            }
        }
        Map<String, Run> known = new HashMap<>(runs.findAll(runIds));
        Map<String, KeyPosition> positions = new HashMap<>(keyPositions.findAll(requests.stream()
                .map(request -> request.object().key())
                .distinct()
                .toList()));
        List<Run> started = new ArrayList<>();
        List<String> startedVersions = new ArrayList<>();
        List<Integer> startedIndexes = new ArrayList<>();
        Map<String, KeyedPosition> newest = new LinkedHashMap<>();
        for (int index : newestFirstPerKey(requests)) {
            if (attempts[index] != null) {
                continue;
            }
            ObjectCreated object = requests.get(index).object();
            String runId = Runs.runIdOf(object);
            KeyPosition position = positions.get(keyOf(object));
            if (known.containsKey(runId)) {
                attempts[index] = new StartAttempt.Recorded(new StartOutcome.Duplicate(known.get(runId)));
            } else if (position != null && isOlder(object, position)) {
                attempts[index] = new StartAttempt.Recorded(superseded(object, position));
            } else {
                positions.put(keyOf(object), positionOf(object));
                newest.put(keyOf(object), new KeyedPosition(object.bucket(), object.key(), positionOf(object)));
                Run run = received(requests.get(index), runId);
                known.put(runId, run);
                started.add(run);
                startedVersions.add(versions[index]);
                startedIndexes.add(index);
                attempts[index] = new StartAttempt.Recorded(new StartOutcome.Started(run));
            }
        }
        keyPositions.saveAll(List.copyOf(newest.values()));
        boolean[] inserted = runs.insertAll(started, startedVersions);
        for (int position = 0; position < inserted.length; position++) {
            if (!inserted[position]) {
                // Another instance recorded the same object version meanwhile.
                Run existing = runs.find(started.get(position).runId()).orElseThrow();
                attempts[startedIndexes.get(position)] =
                        new StartAttempt.Recorded(new StartOutcome.Duplicate(existing));
            }
        }
        return List.of(attempts);
    }

    private List<StartAttempt> recordOneByOne(List<RunRequest> requests) {
        StartAttempt[] attempts = new StartAttempt[requests.size()];
        try {
            transactions.executeWithoutResult(status -> {
                for (int index : newestFirstPerKey(requests)) {
                    Object savepoint = status.createSavepoint();
                    try {
                        attempts[index] = new StartAttempt.Recorded(record(requests.get(index)));
                        status.releaseSavepoint(savepoint);
                    } catch (RuntimeException e) {
                        status.rollbackToSavepoint(savepoint);
                        attempts[index] = new StartAttempt.NotRecorded(e);
                    }
                }
            });
        } catch (RuntimeException e) {
            Arrays.fill(
                    attempts,
                    new StartAttempt.NotRecorded(new RetryableRunException(
                            "Cannot record runs for " + requests.size() + " completion markers: " + e.getMessage(),
                            e)));
        }
        return List.of(attempts);
    }

    private StartOutcome record(RunRequest request) {
        ObjectCreated object = request.object();
        String runId = Runs.runIdOf(object);
        var existing = runs.find(runId);
        if (existing.isPresent()) {
            return new StartOutcome.Duplicate(existing.get());
        }
        var position = keyPositions.find(object.bucket(), object.key());
        if (position.isPresent() && isOlder(object, position.get())) {
            return superseded(object, position.get());
        }
        keyPositions.save(object.bucket(), object.key(), positionOf(object));
        Run run = received(request, runId);
        if (!runs.insert(run, object.objectVersion())) {
            return new StartOutcome.Duplicate(runs.find(runId).orElseThrow());
        }
        return new StartOutcome.Started(run);
    }

    private static StartOutcome.Superseded superseded(ObjectCreated object, KeyPosition newest) {
        return new StartOutcome.Superseded(
                "s3://" + object.bucket() + "/" + object.key(),
                "a newer event for this key (sequencer " + newest.sequencer() + ", time " + newest.eventTime()
                        + ") came first");
    }

    private Run received(RunRequest request, String runId) {
        ObjectCreated object = request.object();
        Instant now = clock.instant();
        return new Run(
                runId,
                request.route().pipeline(),
                object.bucket(),
                object.key(),
                object.versionId(),
                object.eTag(),
                object.size(),
                object.sequencer(),
                object.eventTime(),
                request.route().table(),
                request.route().queue(),
                request.source(),
                RunState.RECEIVED,
                1,
                0,
                null,
                now,
                now,
                null,
                null);
    }

    /**
     * The requests' indexes in arrival order, except that the newest event of each key takes the place of the key's
     * first one.
     */
    private static List<Integer> newestFirstPerKey(List<RunRequest> requests) {
        Map<String, Integer> newest = new LinkedHashMap<>();
        for (int index = 0; index < requests.size(); index++) {
            ObjectCreated object = requests.get(index).object();
            newest.merge(
                    keyOf(object),
                    index,
                    (best, candidate) -> isOlder(
                                    requests.get(best).object(),
                                    positionOf(requests.get(candidate).object()))
                            ? candidate
                            : best);
        }
        List<Integer> order = new ArrayList<>(requests.size());
        Set<String> started = new HashSet<>();
        for (int index = 0; index < requests.size(); index++) {
            String key = keyOf(requests.get(index).object());
            int newestIndex = newest.get(key);
            if (started.add(key)) {
                order.add(newestIndex);
            }
            if (index != newestIndex) {
                order.add(index);
            }
        }
        return order;
    }

    private static String keyOf(ObjectCreated object) {
        return object.bucket() + "/" + object.key();
    }

    private static KeyPosition positionOf(ObjectCreated object) {
        return new KeyPosition(object.sequencer(), object.eventTime());
    }

    /** Sequencers order events of one key when both have one; otherwise the event time does (sweep, manual). */
    private static boolean isOlder(ObjectCreated object, KeyPosition newest) {
        if (object.sequencer() != null && newest.sequencer() != null) {
            return Sequencers.compare(object.sequencer(), newest.sequencer()) < 0;
        }
        return object.eventTime().isBefore(newest.eventTime());
    }
}
