package io.tidewater.billing.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What each loaded delivery fed into {@code billing.costs}: its rows there, and the payers' months whose rows of one
 * report do not count because another generation ranks first ({@code cost_shadowing}).
 */
@Component
public class CostLedger {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CostLedger(JdbcClient billingLedgerJdbcClient, TransactionTemplate billingLedgerTransactions, Clock billingClock) {
        this.jdbc = billingLedgerJdbcClient;
        this.transactions = billingLedgerTransactions;
        this.clock = billingClock;
    }

    /**
     * Records what a loaded job wrote to {@code billing.costs}: its rows there, and the payers' months shadowed by its
     * commit or shadowing its rows. The shadowings of the job's own report and source are replaced by these: the
     * commit decided for every payer the delivery has.
     *
     * @param costsRows rows written, or {@code null} when an earlier delivery of the job wrote them
     */
    public void costsLoaded(String jobId, String source, Long costsRows, List<CostShadowing> shadowings) {
        transactions.executeWithoutResult(status -> {
            Optional<DeliveryRecord> found = DeliveryRows.byJob(jdbc, jobId);
            if (found.isEmpty()) {
                return;
            }
            DeliveryRecord delivery = found.get();
            jdbc.sql("UPDATE deliveries SET costs_rows = COALESCE(?, costs_rows) WHERE table_name = ? "
                            + "AND billing_period = ? AND assembly_id = ?")
                    .params(costsRows, delivery.table(), delivery.period(), delivery.assemblyId())
                    .update();
            jdbc.sql("DELETE FROM cost_shadowing WHERE billing_period = ? AND source = ? AND report = ?")
                    .params(delivery.period(), source, delivery.report())
                    .update();
            for (CostShadowing shadowing : shadowings) {
                jdbc.sql("DELETE FROM cost_shadowing WHERE billing_period = ? AND cost_key = ? AND source = ? "
                                + "AND report = ?")
                        .params(shadowing.period(), shadowing.key(), shadowing.source(), shadowing.report())
                        .update();
                jdbc.sql("INSERT INTO cost_shadowing (billing_period, cost_key, source, report, by_source, by_report,"
                                + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                        .params(
                                shadowing.period(),
                                shadowing.key(),
                                shadowing.source(),
                                shadowing.report(),
                                shadowing.bySource(),
                                shadowing.byReport(),
                                clock.millis())
                        .update();
            }
        });
    }

    /** The deliveries of {@code tables} that the tables hold for the month, each with its rows in billing.costs. */
    public List<CostFeed> costFeeds(List<String> tables, String period) {
        return jdbc
                .sql("SELECT table_name, report, assembly_id, rows_loaded, costs_rows FROM deliveries "
                        + "WHERE billing_period = ? AND state = ? ORDER BY table_name, report")
                .params(period, DeliveryState.LOADED.name())
                .query((rs, row) -> new CostFeed(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4) == null ? null : rs.getLong(4),
                        rs.getObject(5) == null ? null : rs.getLong(5)))
                .list()
                .stream()
                .filter(feed -> tables.contains(feed.table()))
                .toList();
    }

    /** The payers' months of the period whose rows of one report do not count in billing.costs, and why. */
    public List<CostShadowing> costShadowings(String period) {
        return jdbc.sql("SELECT billing_period, cost_key, source, report, by_source, by_report, recorded_at "
                        + "FROM cost_shadowing WHERE billing_period = ? ORDER BY cost_key, source, report")
                .params(period)
                .query((rs, row) -> new CostShadowing(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        Instant.ofEpochMilli(rs.getLong(7))))
                .list();
    }
}
