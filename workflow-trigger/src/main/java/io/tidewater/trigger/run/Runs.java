package io.tidewater.trigger.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.contract.RunState;
import io.tidewater.contract.RunUpdated;
import io.tidewater.service.metrics.PipelineMeters;
import io.tidewater.trigger.config.TriggerProperties.Route;
import io.tidewater.trigger.event.ObjectCreated;
import io.tidewater.trigger.notification.RunNotificationClient;
import io.tidewater.trigger.notification.RunSummary;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The run ledger's entry point: starts exactly one run per report, applies the domain services' updates, replays,
 * pauses and resumes.
 */
@Component
public class Runs {

    private static final Logger log = LoggerFactory.getLogger(Runs.class);

    private final RunLedger ledger;
    private final RunDispatcher dispatcher;
    private final TransactionTemplate transactions;
    private final RunNotificationClient notifications;
    private final MeterRegistry meters;
    private final PipelineMeters pipelineMeters;
    private final Clock clock;

    Runs(
            RunLedger ledger,
            RunDispatcher dispatcher,
            TransactionTemplate ledgerTransactions,
            RunNotificationClient notifications,
            MeterRegistry meters,
            Clock clock) {
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.transactions = ledgerTransactions;
        this.notifications = notifications;
        this.meters = meters;
        this.pipelineMeters = new PipelineMeters(meters);
        this.clock = clock;
    }

    /** The run id of an object version: every delivery of the same version names the same run. */
    public static String runIdOf(ObjectCreated object) {
        return UUID.nameUUIDFromBytes(object.objectVersion().getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * Records a run for a completion marker unless its object version has one or a newer event for its key came
     * first, then sends every run that may go.
     */
    public StartOutcome start(ObjectCreated object, Route route, RunSource source) {
        StartOutcome outcome = transactions.execute(status -> record(object, route, source));
        if (outcome instanceof StartOutcome.Started started) {
            meters.counter("tidewater.runs.started", "pipeline", route.pipeline(), "source", source.name())
                    .increment();
            log.info(
                    "Run {} started by {}: {} report {}",
                    started.run().runId(),
                    source,
                    route.pipeline(),
                    started.run().uri());
            dispatcher.dispatch();
        } else {
            log.info("No new run for s3://{}/{}: {}", object.bucket(), object.key(), outcome);
        }
        return outcome;
    }

    private StartOutcome record(ObjectCreated object, Route route, RunSource source) {
        String runId = runIdOf(object);
        var existing = ledger.find(runId);
        if (existing.isPresent()) {
            return new StartOutcome.Duplicate(existing.get());
        }
        var position = ledger.position(object.bucket(), object.key());
        if (position.isPresent() && isOlder(object, position.get())) {
            return new StartOutcome.Superseded(
                    "s3://" + object.bucket() + "/" + object.key(),
                    "a newer event for this key (sequencer " + position.get().sequencer() + ", time "
                            + position.get().eventTime() + ") came first");
        }
        ledger.savePosition(
                object.bucket(), object.key(), new RunLedger.KeyPosition(object.sequencer(), object.eventTime()));
        Instant now = clock.instant();
        Run run = new Run(
                runId,
                route.pipeline(),
                object.bucket(),
                object.key(),
                object.versionId(),
                object.eTag(),
                object.size(),
                object.sequencer(),
                object.eventTime(),
                route.table(),
                route.queue(),
                source,
                RunState.RECEIVED,
                1,
                0,
                null,
                now,
                now,
                null,
                null);
        if (!ledger.insert(run, object.objectVersion())) {
            return new StartOutcome.Duplicate(ledger.find(runId).orElseThrow());
        }
        return new StartOutcome.Started(run);
    }

    /** Sequencers order events of one key when both have one; otherwise the event time does (sweep, manual). */
    private static boolean isOlder(ObjectCreated object, RunLedger.KeyPosition newest) {
        if (object.sequencer() != null && newest.sequencer() != null) {
            return Sequencers.compare(object.sequencer(), newest.sequencer()) < 0;
        }
        return object.eventTime().isBefore(newest.eventTime());
    }

    /**
     * Applies a domain service's update. Updates that arrive late (a state before the current one, anything after a
     * final state) change nothing. When the run ends, its table is released, the next run for it is sent and a
     * summary is published.
     *
     * @throws RunNotFoundException if no run has the update's id
     */
    public void apply(RunUpdated update) {
        boolean[] ended = {false};
        Run run = transactions.execute(status -> {
            Run current = ledger.find(update.runId())
                    .orElseThrow(() -> new RunNotFoundException("Cannot apply RunUpdated " + update.state()
                            + ": no run " + update.runId() + " in the ledger"));
            boolean repeatedFinal = current.state().isFinal() && current.state() == update.state();
            if (current.state().isFinal()
                    || update.state().ordinal() < current.state().ordinal()) {
                return repeatedFinal ? current : null;
            }
            ledger.update(update.runId(), update.state(), update.table(), update.rows(), update.detail(), update.at());
            if (update.state().isFinal()) {
                ledger.releaseTables(update.runId());
                ended[0] = true;
            }
            return ledger.find(update.runId()).orElseThrow();
        });
        if (run == null) {
            log.info("Ignored late RunUpdated {} for run {}", update.state(), update.runId());
            return;
        }
        if (ended[0] && run.state() == RunState.SUCCEEDED) {
            // Once per run, from the marker's upload (its event time) to the domain service's report of the commit.
            pipelineMeters.freshness(run.pipeline(), run.targetTable(), Duration.between(run.eventTime(), update.at()));
        }
        if (run.state().isFinal()) {
            // Published again for a repeated final update: its first delivery may have failed after the commit.
            notifications.publish(summary(run));
            dispatcher.dispatch();
        }
    }

    /**
     * Starts a finished run again, under the same run id.
     *
     * @throws RunNotFoundException if there is no such run
     * @throws RunConflictException if the run has not finished
     */
    public Run replay(String runId) {
        transactions.executeWithoutResult(status -> {
            Run run = find(runId);
            if (!run.state().isFinal()) {
                throw new RunConflictException(
                        "Cannot replay run " + runId + ": it is " + run.state() + ", not finished");
            }
            ledger.restart(runId, clock.instant());
        });
        dispatcher.dispatch();
        return find(runId);
    }

    /** @throws RunNotFoundException if there is no such run */
    public Run find(String runId) {
        return ledger.find(runId)
                .orElseThrow(() -> new RunNotFoundException("Cannot find run " + runId + ": it is not in the ledger"));
    }

    public List<Run> list(RunFilter filter) {
        return ledger.list(filter);
    }

    public List<RunTransition> history(String runId) {
        return ledger.transitions(find(runId).runId());
    }

    /** Runs of a paused pipeline are recorded but wait until it is resumed. */
    public void pause(String pipeline) {
        ledger.pause(pipeline, clock.instant());
        log.info("Pipeline {} paused", pipeline);
    }

    public void resume(String pipeline) {
        ledger.resume(pipeline);
        log.info("Pipeline {} resumed", pipeline);
        dispatcher.dispatch();
    }

    public List<String> pausedPipelines() {
        return ledger.pausedPipelines();
    }

    /** How many runs each pipeline has in each state, and when its last run ended. */
    public List<PipelineRuns> pipelineRuns() {
        return ledger.pipelineRuns();
    }

    /** Sends runs that wait although they may go, such as after a failed send. */
    public void dispatchWaiting() {
        dispatcher.dispatch();
    }

    private static RunSummary summary(Run run) {
        return new RunSummary(
                run.runId(),
                run.pipeline(),
                run.uri(),
                run.state(),
                run.targetTable(),
                run.rows(),
                run.detail(),
                run.attempts(),
                run.createdAt(),
                run.finishedAt());
    }
}
