package io.tidewater.inventory.results;

import io.tidewater.contract.LoadResult;
import io.tidewater.contract.RunState;
import io.tidewater.inventory.config.InventoryProperties;
import io.tidewater.inventory.ledger.Report;
import io.tidewater.inventory.ledger.ReportLedger;
import io.tidewater.inventory.ledger.ReportStatus;
import io.tidewater.service.faults.CrashPoint;
import io.tidewater.service.messaging.RunUpdatesClient;
import io.tidewater.service.metrics.PipelineMeters;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** What the loader did with each report sent to it: recorded in the ledger, told to the trigger, counted. */
@Component
class LoadResults {

    private static final Logger log = LoggerFactory.getLogger(LoadResults.class);
    private static final List<ReportStatus> SETTLED =
            List.of(ReportStatus.SUCCEEDED, ReportStatus.QUARANTINED, ReportStatus.FAILED);

    private final ReportLedger ledger;
    private final RunUpdatesClient runUpdates;
    private final InventoryMetrics metrics;
    private final InventoryProperties properties;
    private final Clock clock;

    LoadResults(
            ReportLedger ledger,
            RunUpdatesClient runUpdates,
            InventoryMetrics metrics,
            InventoryProperties properties,
            Clock inventoryClock) {
        this.ledger = ledger;
        this.runUpdates = runUpdates;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = inventoryClock;
    }

    /** Records the loader's reply; a reply for a job this service did not send (or already settled) changes nothing. */
    void onLoadResult(LoadResult result) {
        Optional<Report> settled;
        if (result instanceof LoadResult.LoadCompleted completed) {
            boolean quarantined = completed.rowsQuarantined() > 0;
            String detail = completed.alreadyLoaded()
                    ? "already loaded in snapshot %d; nothing written".formatted(completed.snapshotId())
                    : "%d rows in snapshot %d%s"
                            .formatted(
                                    completed.rowsWritten(),
                                    completed.snapshotId(),
                                    quarantined ? ", %d rows quarantined".formatted(completed.rowsQuarantined()) : "");
            settled = ledger.recordResult(
                    completed.jobId(),
                    quarantined ? ReportStatus.QUARANTINED : ReportStatus.SUCCEEDED,
                    completed.rowsWritten(),
                    completed.rowsQuarantined(),
                    detail,
                    completed.durationMillis(),
                    clock.instant());
        } else {
            LoadResult.LoadFailed failed = (LoadResult.LoadFailed) result;
            settled =
                    ledger.recordResult(failed.jobId(), ReportStatus.FAILED, 0, 0, failed.reason(), 0, clock.instant());
        }
        if (settled.isEmpty()) {
            Optional<Report> earlier =
                    ledger.findByJob(result.jobId()).filter(report -> SETTLED.contains(report.status()));
            if (earlier.isPresent()) {
                // A redelivered reply: this service may have died after recording it and before telling the trigger,
                // whose ledger takes a repeated final state as a no-op.
                log.info("Load result for job {} already recorded: run update sent again", result.jobId());
                sendRunUpdate(earlier.get());
            } else {
                log.debug("Ignored load result for job {}: no sent report has it", result.jobId());
            }
            return;
        }
        Report report = settled.get();
        metrics.report(outcome(result));
        CrashPoint.RESULT_RECORDED_NOT_REPORTED.reached();
        sendRunUpdate(report);
        metrics.insights(report);
    }

    private void sendRunUpdate(Report report) {
        if (!report.routed()) {
            return;
        }
        switch (report.status()) {
            case SUCCEEDED -> send(report, RunState.SUCCEEDED, report.rowsLoaded());
            case QUARANTINED -> send(report, RunState.QUARANTINED, report.rowsQuarantined());
            default -> send(report, RunState.FAILED, 0);
        }
    }

    private void send(Report report, RunState state, long rows) {
        runUpdates.send(report.runId(), state, properties.table(), rows, report.detail());
    }

    private static PipelineMeters.Outcome outcome(LoadResult result) {
        if (result instanceof LoadResult.LoadCompleted completed) {
            return completed.alreadyLoaded() ? PipelineMeters.Outcome.SKIPPED : PipelineMeters.Outcome.SUCCEEDED;
        }
        return ((LoadResult.LoadFailed) result).retryable()
                ? PipelineMeters.Outcome.ERRORED
                : PipelineMeters.Outcome.REJECTED;
    }
}
