package io.tidewater.billing.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.billing.period.PeriodHistory;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Deliveries processed by outcome, rows loaded, and the total unblended cost of each period as the table holds it.
 */
@Component
class BillingMetrics {

    private final MeterRegistry meters;
    private final Map<String, AtomicReference<BigDecimal>> costs = new ConcurrentHashMap<>();

    BillingMetrics(MeterRegistry meters, PeriodHistory history) {
        this.meters = meters;
        history.currentCosts()
                .forEach((table, periods) -> periods.forEach((period, cost) -> cost(table, period, cost)));
    }

    /** {@code loaded}, {@code superseded}, {@code duplicate}, {@code queued}, {@code failed} or {@code rejected}. */
    void delivery(String table, String outcome) {
        meters.counter("tidewater.billing.deliveries", "table", table, "outcome", outcome)
                .increment();
    }

    void rowsLoaded(String table, long rows) {
        meters.counter("tidewater.rows.loaded", "pipeline", "billing", "table", table)
                .increment(rows);
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
