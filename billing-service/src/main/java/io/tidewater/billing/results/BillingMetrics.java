package io.tidewater.billing.results;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.billing.ledger.PeriodHistory;
import io.tidewater.service.metrics.PipelineMeters;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Deliveries processed by outcome and the total unblended cost of each period as the table holds it.
 */
@Component
public class BillingMetrics {

    private static final String PIPELINE = "billing";

    private final MeterRegistry meters;
    private final PipelineMeters pipelineMeters;
    private final Map<String, AtomicReference<BigDecimal>> costs = new ConcurrentHashMap<>();

    BillingMetrics(MeterRegistry meters, PeriodHistory history) {
        this.meters = meters;
        this.pipelineMeters = new PipelineMeters(meters);
        history.currentCosts()
                .forEach((table, periods) -> periods.forEach((period, cost) -> cost(table, period, cost)));
    }

    /**
     * {@code loaded}, {@code superseded}, {@code duplicate}, {@code dispatched}, {@code queued} or {@code failed}; the
     * ones that settle a delivery also count as a report of the billing pipeline ({@link PipelineMeters#FILES}).
     */
    public void delivery(String table, String outcome) {
        meters.counter("tidewater.billing.deliveries", "table", table, "outcome", outcome)
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
        if (cost == null) {
            return;
        }
        costs.computeIfAbsent(table + "|" + period, key -> {
                    AtomicReference<BigDecimal> value = new AtomicReference<>(BigDecimal.ZERO);
                    Gauge.builder("tidewater.billing.unblended.cost", value, current -> current.get()
                                    .doubleValue())
                            .description("Total unblended cost of the billing period the table holds")
                            .tag("table", table)
                            .tag("billing_period", period)
                            .register(meters);
                    return value;
                })
                .set(cost);
    }
}
