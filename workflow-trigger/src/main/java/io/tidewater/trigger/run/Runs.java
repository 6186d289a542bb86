package io.tidewater.trigger.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.contract.RunState;
import io.tidewater.contract.RunUpdated;
import io.tidewater.service.metrics.PipelineMeters;
import io.tidewater.trigger.notification.RunNotificationClient;
import io.tidewater.trigger.notification.RunSummary;
import io.tidewater.trigger.routing.InvalidEventException;
import io.tidewater.trigger.routing.ObjectCreated;
import io.tidewater.trigger.routing.Route;
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

    private final RunRepository runs;
    private final TableSlotRepository tableSlots;
    private final PausedPipelineRepository pausedPipelines;
    private final RunRecorder recorder;
    private final RunDispatcher dispatcher;
    private final TransactionTemplate transactions;
    private final RunNotificationClient notifications;
    private final PipelineMeters pipelineMeters;
    private final Clock clock;

    Runs(
            RunRepository runs,
            TableSlotRepository tableSlots,
            PausedPipelineRepository pausedPipelines,
            RunRecorder recorder,
            RunDispatcher dispatcher,
            TransactionTemplate ledgerTransactions,
            RunNotificationClient notifications,
            MeterRegistry meters,
            Clock clock) {
        this.runs = runs;
        this.tableSlots = tableSlots;
        this.pausedPipelines = pausedPipelines;
        this.recorder = recorder;
        this.dispatcher = dispatcher;
        this.transactions = ledgerTransactions;
        this.notifications = notifications;
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
     *
     * @throws InvalidEventException if the marker names no object version
     * @throws RetryableRunException if the ledger or the queue failed; nothing is recorded, or the run waits
     */
    public StartOutcome start(ObjectCreated object, Route route, RunSource source) {
        StartAttempt attempt =
                recordAll(List.of(new RunRequest(object, route, source))).get(0);
        if (attempt instanceof StartAttempt.NotRecorded notRecorded) {
            throw notRecorded.cause();
        }
        StartOutcome outcome = ((StartAttempt.Recorded) attempt).outcome();
        if (outcome instanceof StartOutcome.Started) {
            dispatcher.dispatch();
        }
        return outcome;
    }

    /**
     * Records runs for a batch of completion markers in one ledger transaction, as {@link #start} does for one, and
     * sends nothing: the caller acknowledges what was recorded, then calls {@link #dispatchWaitingSoon}. A request that
     * fails fails alone; a failed commit fails them all.
     *
     * @return one attempt per request, in the requests' order
     */
    public List<StartAttempt> recordAll(List<RunRequest> requests) {
        List<StartAttempt> attempts = recorder.record(requests);
        for (int index = 0; index < requests.size(); index++) {
            RunRequest request = requests.get(index);
            if (attempts.get(index) instanceof StartAttempt.Recorded recorded) {
                logOutcome(request, recorded.outcome());
            }
        }
        return attempts;
    }

    private void logOutcome(RunRequest request, StartOutcome outcome) {
        if (outcome instanceof StartOutcome.Started started) {
            pipelineMeters.runStarted(
                    request.route().pipeline(), request.source().name());
            log.info(
                    "Run {} started by {}: {} report {}",
                    started.run().runId(),
                    request.source(),
                    request.route().pipeline(),
                    started.run().uri());
        } else {
            log.info(
                    "No new run for s3://{}/{}: {}",
                    request.object().bucket(),
                    request.object().key(),
                    outcome);
        }
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
            Run current = runs.find(update.runId())
                    .orElseThrow(() -> new RunNotFoundException("Cannot apply RunUpdated " + update.state()
                            + ": no run " + update.runId() + " in the ledger"));
            boolean repeatedFinal = current.state().isFinal() && current.state() == update.state();
            if (current.state().isFinal()
                    || update.state().ordinal() < current.state().ordinal()) {
                return repeatedFinal ? current : null;
            }
            runs.update(update.runId(), update.state(), update.table(), update.rows(), update.detail(), update.at());
            if (update.state().isFinal()) {
                tableSlots.release(update.runId());
                ended[0] = true;
            }
            return runs.find(update.runId()).orElseThrow();
        });
        if (run == null) {
            log.info("Ignored late RunUpdated {} for run {}", update.state(), update.runId());
            return;
        }
        if (ended[0]) {
            pipelineMeters.runFinished(run.pipeline(), run.state().name());
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
            runs.restart(runId, clock.instant());
        });
        dispatcher.dispatch();
        return find(runId);
    }

    /** @throws RunNotFoundException if there is no such run */
    public Run find(String runId) {
        return runs.find(runId)
                .orElseThrow(() -> new RunNotFoundException("Cannot find run " + runId + ": it is not in the ledger"));
    }

    public List<Run> list(RunFilter filter) {
        return runs.list(filter);
    }

    public List<RunTransition> history(String runId) {
        return runs.transitions(find(runId).runId());
    }

    /** Runs of a paused pipeline are recorded but wait until it is resumed. */
    public void pause(String pipeline) {
        pausedPipelines.pause(pipeline, clock.instant());
        log.info("Pipeline {} paused", pipeline);
    }

    public void resume(String pipeline) {
        pausedPipelines.resume(pipeline);
        log.info("Pipeline {} resumed", pipeline);
        dispatcher.dispatch();
    }

    public List<String> pausedPipelines() {
        return pausedPipelines.list();
    }

    /** How many runs each pipeline has in each state, and when its last run ended. */
    public List<PipelineRuns> pipelineRuns() {
        return runs.pipelineRuns();
    }

    /**
     * Sends again every run that was marked ROUTED before the instant and that no domain service has reported on
     * since: the run is marked before its ReportArrived is sent, so a trigger that stopped in between (a crash, a
     * kill) left it ROUTED with nothing sent. Sending twice is safe, as every consumer is idempotent; not sending
     * would lose the report.
     *
     * @return the runs sent again
     */
    public List<String> resendRouted(Instant routedBefore) {
        List<String> resent = transactions.execute(status -> {
            List<String> stale = runs.routedBefore(routedBefore);
            if (!stale.isEmpty()) {
                runs.transitionAll(stale, RunState.ROUTED, RunState.RECEIVED, clock.instant());
                stale.forEach(tableSlots::release);
            }
            return stale;
        });
        if (!resent.isEmpty()) {
            log.warn(
                    "Sending {} runs again that were routed before {} and never reported on: {}",
                    resent.size(),
                    routedBefore,
                    resent);
            dispatcher.dispatch();
        }
        return resent;
    }

    /** Sends runs that wait although they may go, such as after a failed send. */
    public void dispatchWaiting() {
        dispatcher.dispatch();
    }

    /**
     * Sends the runs that may go, here or, when another thread is sending already, by that thread: for a caller that
     * needs them on their way, not sent before it returns.
     */
    public void dispatchWaitingSoon() {
        dispatcher.dispatchSoon();
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
