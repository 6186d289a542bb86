package io.tidewater.billing.ledger;

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

    /** Every report's periods of every table, newest period first. */
    public List<PeriodSummary> periods() {
        List<String[]> keys = jdbc.sql("SELECT DISTINCT table_name, report, billing_period FROM deliveries "
                        + "ORDER BY billing_period DESC, table_name, report")
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list();
        List<PeriodSummary> summaries = new ArrayList<>();
        for (String[] key : keys) {
            summaries.add(summary(key[0], key[1], key[2]));
        }
        return summaries;
    }

    /** The reports that feed a table's period, each with its state and the delivery the table holds of it. */
    public List<PeriodSummary> reports(String table, String period) {
        return jdbc
                .sql("SELECT DISTINCT report FROM deliveries WHERE table_name = ? AND billing_period = ? "
                        + "ORDER BY report")
                .params(table, period)
                .query(String.class)
                .list()
                .stream()
                .map(report -> summary(table, report, period))
                .toList();
    }

    public PeriodSummary summary(String table, String report, String period) {
        List<DeliveryRecord> deliveries = DeliveryRows.ofReport(jdbc, table, report, period);
        Optional<DeliveryRecord> current = deliveries.stream()
                .filter(delivery -> delivery.state() == DeliveryState.LOADED)
                .findFirst();
        int skipped = jdbc.sql("SELECT COUNT(*) FROM skipped_events WHERE table_name = ? AND report = ? "
                        + "AND billing_period = ?")
                .params(table, report, period)
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
                report,
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

    /** The period's deliveries of every report, newest first. */
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

    /** The delivery the table holds for a report's period. */
    public Optional<DeliveryRecord> current(String table, String report, String period) {
        return DeliveryRows.inState(jdbc, table, report, period, DeliveryState.LOADED);
    }

    /**
     * The cost of the delivery the table holds for a report's period, by one dimension, highest first.
     *
     * @throws PeriodNotFoundException when no delivery of the report's period was loaded
     */
    public List<CostLine> costs(String table, String report, String period, Dimension dimension) {
        DeliveryRecord current = current(table, report, period)
                .orElseThrow(() -> new PeriodNotFoundException(
                        "Cannot break down the cost of %s %s of report %s: no".formatted(table, period, report)
                                + " delivery of it was loaded"));
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

    /** The total cost per table and period of the deliveries the tables hold now, all reports, for the gauges. */
    public Map<String, Map<String, BigDecimal>> currentCosts() {
        Map<String, Map<String, BigDecimal>> costs = new LinkedHashMap<>();
        jdbc.sql("SELECT table_name, billing_period, unblended_cost FROM deliveries WHERE state = ? "
                        + "AND unblended_cost IS NOT NULL")
                .params(DeliveryState.LOADED.name())
                .query((rs, row) -> {
                    costs.computeIfAbsent(rs.getString(1), table -> new LinkedHashMap<>())
                            .merge(rs.getString(2), new BigDecimal(rs.getString(3)), BigDecimal::add);
                    return null;
                })
                .list();
        return costs;
    }
}
