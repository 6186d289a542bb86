package io.tidewater.billing.period;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the ledger says about billing periods, for the admin API and the metrics: read-only. */
@Component
public class PeriodHistory {

    private final JdbcClient jdbc;

    PeriodHistory(JdbcClient billingLedgerJdbcClient) {
        this.jdbc = billingLedgerJdbcClient;
    }

    /** Every period of every table, newest period first. */
    public List<PeriodSummary> periods() {
        List<String[]> keys = jdbc.sql("SELECT DISTINCT table_name, billing_period FROM deliveries "
                        + "ORDER BY billing_period DESC, table_name")
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        List<PeriodSummary> summaries = new ArrayList<>();
        for (String[] key : keys) {
            summaries.add(summary(key[0], key[1]));
        }
        return summaries;
    }

    public PeriodSummary summary(String table, String period) {
        List<DeliveryRecord> deliveries = deliveries(table, period);
        Optional<DeliveryRecord> current = deliveries.stream()
                .filter(delivery -> delivery.state() == DeliveryState.LOADED)
                .findFirst();
        int skipped = jdbc.sql("SELECT COUNT(*) FROM skipped_events WHERE table_name = ? AND billing_period = ?")
                .params(table, period)
                .query(Integer.class)
                .single();
        boolean loading = deliveries.stream().anyMatch(delivery -> delivery.state() == DeliveryState.LOADING);
        PeriodState state;
        if (current.isPresent()) {
            state = current.get().isFinal() ? PeriodState.FINAL : PeriodState.ESTIMATED;
        } else if (loading) {
            state = PeriodState.LOADING;
        } else {
            state = PeriodState.FAILED;
        }
        return new PeriodSummary(
                table,
                period,
                state,
                current.map(DeliveryRecord::assemblyId).orElse(null),
                deliveries.size(),
                skipped,
                current.map(delivery -> delivery.rowsLoaded() != null && delivery.rowsLoaded() > 0
                                ? delivery.rowsLoaded()
                                : delivery.rowCount())
                        .orElse(null),
                current.map(DeliveryRecord::unblendedCost).orElse(null),
                current.map(DeliveryRecord::invoiceId).orElse(null),
                current.map(DeliveryRecord::updatedAt).orElse(null));
    }

    /** The period's deliveries, newest first. */
    public List<DeliveryRecord> deliveries(String table, String period) {
        return DeliveryRows.ofPeriod(jdbc, table, period);
    }

    public List<SkippedEvent> skippedEvents(String table, String period) {
        return jdbc.sql("SELECT run_id, assembly_id, manifest_uri, reason, at FROM skipped_events "
                        + "WHERE table_name = ? AND billing_period = ? ORDER BY at")
                .params(table, period)
                .query((rs, row) -> new SkippedEvent(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5))))
                .list();
    }

    /** The delivery the table holds for the period. */
    public Optional<DeliveryRecord> current(String table, String period) {
        return DeliveryRows.inState(jdbc, table, period, DeliveryState.LOADED);
    }

    /**
     * The current delivery's cost by one dimension, highest first.
     *
     * @throws PeriodNotFoundException when no delivery of the period was loaded
     */
    public List<CostLine> costs(String table, String period, Dimension dimension) {
        DeliveryRecord current = current(table, period)
                .orElseThrow(() -> new PeriodNotFoundException(
                        "Cannot break down the cost of %s %s: no delivery of it was loaded".formatted(table, period)));
        return jdbc
                .sql("SELECT dimension_value, unblended_cost FROM delivery_costs WHERE table_name = ? "
                        + "AND billing_period = ? AND assembly_id = ? AND dimension = ?")
                .params(table, period, current.assemblyId(), dimension.name())
                .query((rs, row) -> new CostLine(rs.getString(1), new BigDecimal(rs.getString(2))))
                .list()
                .stream()
                .sorted(
                        dimension == Dimension.DAY
                                ? Comparator.comparing(CostLine::key)
                                : Comparator.comparing(CostLine::unblendedCost)
                                        .reversed()
                                        .thenComparing(CostLine::key))
                .toList();
    }

    /** The total cost per table and period of the deliveries the tables hold now, for the cost gauges. */
    public Map<String, Map<String, BigDecimal>> currentCosts() {
        Map<String, Map<String, BigDecimal>> costs = new LinkedHashMap<>();
        jdbc.sql("SELECT table_name, billing_period, unblended_cost FROM deliveries WHERE state = ? "
                        + "AND unblended_cost IS NOT NULL")
                .params(DeliveryState.LOADED.name())
                .query((rs, row) -> {
                    costs.computeIfAbsent(rs.getString(1), table -> new LinkedHashMap<>())
                            .put(rs.getString(2), new BigDecimal(rs.getString(3)));
                    return null;
                })
                .list();
        return costs;
    }
}
