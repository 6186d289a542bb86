package io.tidewater.billing.results;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tidewater.billing.ledger.PeriodHistory;
import io.tidewater.service.metrics.GaugeValues;
import io.tidewater.service.metrics.PipelineMeters;
import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Deliveries processed by outcome and the total unblended cost of each period as the table holds it.
 */
@Component
public class BillingMetrics {

    private static final String PIPELINE = "billing";

    private final MeterRegistry meters;
    private final PipelineMeters pipelineMeters;
    private final GaugeValues gauges;

    BillingMetrics(MeterRegistry meters, PeriodHistory history) {
        this.meters = meters;
        this.pipelineMeters = new PipelineMeters(meters);
        this.gauges = new GaugeValues(meters);
        history.currentCosts()
                .forEach((table, periods) -> periods.forEach((period, cost) -> cost(table, period, cost)));
    }

    /**
     * {@code loaded}, {@code superseded}, {@code duplicate}, {@code dispatched}, {@code queued} or {@code failed}; the
     * ones that settle a delivery also count as a report of the billing pipeline ({@link PipelineMeters#FILES}).
     */
    public void delivery(String table, String outcome) {
        meters.counter(PipelineMeters.BILLING_DELIVERIES, PipelineMeters.TABLE, table, PipelineMeters.OUTCOME, outcome)
                .increment();
        settled(outcome).ifPresent(settled -> pipelineMeters.file(PIPELINE, table, settled));
    }

    /** A delivery that is wrong as delivered: parked on the dead-letter queue before its table was known. */
    public void rejected() {
        pipelineMeters.file(PIPELINE, null, PipelineMeters.Outcome.REJECTED);
    }

    private static Optional<PipelineMeters.Outcome> settled(String outcome) {
        return switch (outcome) {
            case "loaded" -> Optional.of(PipelineMeters.Outcome.SUCCEEDED);
            case "superseded", "duplicate" -> Optional.of(PipelineMeters.Outcome.SKIPPED);
            case "failed" -> Optional.of(PipelineMeters.Outcome.ERRORED);
            default -> Optional.empty();
        };
    }

    void cost(String table, String period, BigDecimal cost) {
        if (cost != null) {
            gauges.set(
                    PipelineMeters.BILLING_UNBLENDED_COST,
                    "Total unblended cost of the billing period the table holds",
                    Tags.of(PipelineMeters.TABLE, table, PipelineMeters.BILLING_PERIOD, period),
                    cost.doubleValue());
        }
    }
}
