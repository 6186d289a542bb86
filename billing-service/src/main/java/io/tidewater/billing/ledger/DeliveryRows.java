package io.tidewater.billing.ledger;

import io.tidewater.service.ledger.LedgerColumns;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reading deliveries back from the ledger's tables, shared by the ledger and the period history. */
final class DeliveryRows {

    static final String COLUMNS = "table_name, report, billing_period, assembly_id, kind, manifest_uri, "
            + "manifest_modified_at, state, run_id, job_id, row_count, rows_loaded, unblended_cost, invoice_id, detail, "
            + "received_at, updated_at";

    private DeliveryRows() {}

    /** The period's deliveries, newest first. */
    static List<DeliveryRecord> ofPeriod(JdbcClient jdbc, String table, String period) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM deliveries WHERE table_name = ? AND billing_period = ? "
                        + "ORDER BY manifest_modified_at DESC, assembly_id DESC")
                .params(table, period)
                .query(DeliveryRows::delivery)
                .list();
    }

    static Optional<DeliveryRecord> find(JdbcClient jdbc, String table, String period, String assemblyId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deliveries WHERE table_name = ? AND billing_period = ? "
                        + "AND assembly_id = ?")
                .params(table, period, assemblyId)
                .query(DeliveryRows::delivery)
                .optional();
    }

    static Optional<DeliveryRecord> byJob(JdbcClient jdbc, String jobId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deliveries WHERE job_id = ?")
                .params(jobId)
                .query(DeliveryRows::delivery)
                .optional();
    }

    /** The deliveries of one report's period, newest first. */
    static List<DeliveryRecord> ofReport(JdbcClient jdbc, String table, String report, String period) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM deliveries WHERE table_name = ? AND report = ? AND billing_period = ? "
                        + "ORDER BY manifest_modified_at DESC, assembly_id DESC")
                .params(table, report, period)
                .query(DeliveryRows::delivery)
                .list();
    }

    static Optional<DeliveryRecord> inState(
            JdbcClient jdbc, String table, String report, String period, DeliveryState state) {
        List<DeliveryRecord> found = allInState(jdbc, table, report, period, state);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Newest first. */
    static List<DeliveryRecord> allInState(
            JdbcClient jdbc, String table, String report, String period, DeliveryState state) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deliveries WHERE table_name = ? AND report = ? "
                        + "AND billing_period = ? AND state = ? ORDER BY manifest_modified_at DESC, assembly_id DESC")
                .params(table, report, period, state.name())
                .query(DeliveryRows::delivery)
                .list();
    }

    static DeliveryRecord delivery(ResultSet rs, int row) throws SQLException {
        return new DeliveryRecord(
                rs.getString("table_name"),
                rs.getString("report"),
                rs.getString("billing_period"),
                rs.getString("assembly_id"),
                rs.getString("kind"),
                rs.getString("manifest_uri"),
                Instant.ofEpochMilli(rs.getLong("manifest_modified_at")),
                DeliveryState.valueOf(rs.getString("state")),
                rs.getString("run_id"),
                rs.getString("job_id"),
                LedgerColumns.nullableLong(rs, "row_count"),
                LedgerColumns.nullableLong(rs, "rows_loaded"),
                rs.getString("unblended_cost") == null ? null : new BigDecimal(rs.getString("unblended_cost")),
                rs.getString("invoice_id"),
                rs.getString("detail"),
                Instant.ofEpochMilli(rs.getLong("received_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
