package io.tidewater.billing.results;

import io.tidewater.billing.config.BillingProperties;
import io.tidewater.billing.costs.BillingCosts;
import io.tidewater.billing.ledger.CostLedger;
import io.tidewater.billing.ledger.CostShadowing;
import io.tidewater.billing.ledger.DeliveryRecord;
import io.tidewater.billing.ledger.PeriodLedger;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.RunState;
import io.tidewater.service.messaging.LoadJobsClient;
import io.tidewater.service.messaging.RunUpdatesClient;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the loader did with each delivery sent to it: recorded in the period ledger with what it wrote to
 * {@code billing.costs}, told to the trigger, counted; the delivery that waited for it is sent next.
 */
@Component
class LoadResults {

    private static final Logger log = LoggerFactory.getLogger(LoadResults.class);

    private final PeriodLedger ledger;
    private final CostLedger costs;
    private final LoadJobsClient loadJobs;
    private final RunUpdatesClient runUpdates;
    private final BillingMetrics metrics;
    private final BillingProperties properties;

    LoadResults(
            PeriodLedger ledger,
            CostLedger costs,
            LoadJobsClient loadJobs,
            RunUpdatesClient runUpdates,
            BillingMetrics metrics,
            BillingProperties properties) {
        this.ledger = ledger;
        this.costs = costs;
        this.loadJobs = loadJobs;
        this.runUpdates = runUpdates;
        this.metrics = metrics;
        this.properties = properties;
    }

    /** Records the loader's reply and sends the job of the delivery that waited for it, if any. */
    void onLoadResult(LoadResult result) {
        Optional<PeriodLedger.Completion> completion;
        if (result instanceof LoadResult.LoadCompleted completed) {
            completion = ledger.loaded(
                    completed.jobId(), completed.alreadyLoaded() ? null : completed.rowsWritten(), this::send);
        } else {
            LoadResult.LoadFailed failed = (LoadResult.LoadFailed) result;
            completion = ledger.failed(failed.jobId(), failed.reason(), this::send);
        }
        if (completion.isEmpty()) {
            log.warn("Load result for unknown job {} ({}): ignored", result.jobId(), result.table());
            return;
        }
        DeliveryRecord delivery = completion.get().delivery();
        if (result instanceof LoadResult.LoadCompleted completed) {
            recordCosts(completed, delivery);
            metrics.delivery(delivery.table(), "loaded");
            metrics.cost(delivery.table(), delivery.period(), delivery.unblendedCost());
            // Rows that did not parse are in the quarantine table: the run says so, as inventory's do (RunState).
            boolean quarantined = completed.rowsQuarantined() > 0;
            runUpdates.send(
                    completed.runId(),
                    quarantined ? RunState.QUARANTINED : RunState.SUCCEEDED,
                    delivery.table(),
                    quarantined ? completed.rowsQuarantined() : completed.rowsWritten(),
                    "period %s of report %s now holds delivery %s"
                            .formatted(delivery.period(), delivery.report(), delivery.assemblyId()));
            log.info(
                    "Run {}: {} {} replaced by delivery {} ({} rows, snapshot {})",
                    completed.runId(),
                    delivery.table(),
                    delivery.period(),
                    delivery.assemblyId(),
                    completed.rowsWritten(),
                    completed.snapshotId());
        } else if (result instanceof LoadResult.LoadFailed failed) {
            metrics.delivery(delivery.table(), "failed");
            runUpdates.send(failed.runId(), RunState.FAILED, delivery.table(), 0, failed.reason());
            log.warn(
                    "Run {}: load of {} {} failed: {}",
                    failed.runId(),
                    delivery.table(),
                    delivery.period(),
                    failed.reason());
        }
        completion.get().next().ifPresent(next -> {
            runUpdates.send(next.runId(), RunState.LOADING, next.table(), 0, null);
            log.info("Run {}: delivery {} of {} sent to the loader", next.runId(), next.assemblyId(), next.period());
        });
    }

    private void recordCosts(LoadResult.LoadCompleted completed, DeliveryRecord delivery) {
        String source =
                BillingCosts.sourceOf(delivery.table(), properties.tables()).name();
        for (LoadResult.DerivedLoad derived : completed.derived()) {
            if (derived.table().equals(properties.tables().costs())) {
                costs.costsLoaded(
                        completed.jobId(),
                        source,
                        derived.alreadyLoaded() ? null : derived.rowsWritten(),
                        derived.shadowed().stream()
                                .map(shadowed -> new CostShadowing(
                                        delivery.period(),
                                        shadowed.key(),
                                        shadowed.source(),
                                        shadowed.owner(),
                                        shadowed.bySource(),
                                        shadowed.byOwner(),
                                        null))
                                .toList());
                if (!derived.shadowed().isEmpty()) {
                    log.info(
                            "Run {}: {} {} in {}: shadowed {}",
                            completed.runId(),
                            delivery.table(),
                            delivery.period(),
                            derived.table(),
                            derived.shadowed());
                }
            }
        }
    }

    private void send(String jobId, String job) {
        loadJobs.send(job);
    }
}
