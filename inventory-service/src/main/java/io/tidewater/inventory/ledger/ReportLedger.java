package io.tidewater.inventory.ledger;

import io.tidewater.contract.MessageJson;
import io.tidewater.inventory.insight.InventoryInsights;
import io.tidewater.service.ledger.LedgerColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The report ledger's tables, in SQL that SQLite and PostgreSQL both speak. */
@Repository
public class ReportLedger {

    private static final String COLUMNS = "report_id, idempotency_key, run_id, job_id, origin, destination_bucket, "
            + "manifest_key, source_bucket, configuration_id, creation_timestamp, file_format, file_count, total_bytes, "
            + "rows_scanned, rows_loaded, rows_quarantined, status, detail, columns_list, schema_changes, insights, "
            + "received_at, sent_at, finished_at, verify_millis, crawl_millis, load_millis";

    private final JdbcClient jdbc;

    ReportLedger(JdbcClient inventoryLedgerJdbcClient) {
        this.jdbc = inventoryLedgerJdbcClient;
    }

    public void insertReceived(
            String reportId,
            String runId,
            ReportOrigin origin,
            String bucket,
            String manifestKey,
            String manifestJson,
            Instant at) {
        jdbc.sql("INSERT INTO reports (report_id, run_id, origin, destination_bucket, manifest_key, manifest_json, "
                        + "file_count, total_bytes, status, received_at) VALUES (:reportId, :runId, :origin, :bucket, "
                        + ":manifestKey, :manifestJson, 0, 0, 'RECEIVED', :at)")
                .param("reportId", reportId)
                .param("runId", runId)
                .param("origin", origin.name())
                .param("bucket", bucket)
                .param("manifestKey", manifestKey)
                .param("manifestJson", manifestJson)
                .param("at", at.toEpochMilli())
                .update();
    }

    public void recordManifest(
            String reportId,
            String idempotencyKey,
            String sourceBucket,
            String configurationId,
            Instant createdAt,
            String fileFormat,
            String manifestKey,
            List<Report.File> files) {
        jdbc.sql(
                        "UPDATE reports SET idempotency_key = :key, source_bucket = :sourceBucket, configuration_id = :config, "
                                + "creation_timestamp = :createdAt, file_format = :format, manifest_key = :manifestKey, "
                                + "file_count = :fileCount, total_bytes = :totalBytes WHERE report_id = :reportId")
                .param("reportId", reportId)
                .param("key", idempotencyKey)
                .param("sourceBucket", sourceBucket)
                .param("config", configurationId)
                .param("createdAt", createdAt.toEpochMilli())
                .param("format", fileFormat)
                .param("manifestKey", manifestKey)
                .param("fileCount", files.size())
                .param("totalBytes", files.stream().mapToLong(Report.File::size).sum())
                .update();
        for (int position = 0; position < files.size(); position++) {
            Report.File file = files.get(position);
            jdbc.sql("INSERT INTO report_files (report_id, position, file_key, size, md5, row_count) "
                            + "VALUES (:reportId, :position, :key, :size, :md5, NULL)")
                    .param("reportId", reportId)
                    .param("position", position)
                    .param("key", file.key())
                    .param("size", file.size())
                    .param("md5", file.md5())
                    .update();
        }
    }

    public void recordScan(String reportId, InventoryInsights insights, List<Long> rowsPerFile, long millis) {
        jdbc.sql("UPDATE reports SET insights = :insights, rows_scanned = :rows, verify_millis = :millis "
                        + "WHERE report_id = :reportId")
                .param("reportId", reportId)
                .param("insights", MessageJson.write(insights))
                .param("rows", rowsPerFile.stream().mapToLong(Long::longValue).sum())
                .param("millis", millis)
                .update();
        for (int position = 0; position < rowsPerFile.size(); position++) {
            jdbc.sql("UPDATE report_files SET row_count = :rows WHERE report_id = :reportId AND position = :position")
                    .param("reportId", reportId)
                    .param("position", position)
                    .param("rows", rowsPerFile.get(position))
                    .update();
        }
    }

    public void recordCrawl(String reportId, List<String> columns, String schemaChanges, long millis) {
        jdbc.sql("UPDATE reports SET columns_list = :columns, schema_changes = :changes, crawl_millis = :millis "
                        + "WHERE report_id = :reportId")
                .param("reportId", reportId)
                .param("columns", String.join(",", columns))
                .param("changes", schemaChanges)
                .param("millis", millis)
                .update();
    }

    /** Marks the report sent; done before the job goes out, so that the loader's reply always finds it. */
    public void recordSent(String reportId, String jobId, Instant at) {
        jdbc.sql("UPDATE reports SET job_id = :jobId, status = 'SENT', sent_at = :at WHERE report_id = :reportId")
                .param("reportId", reportId)
                .param("jobId", jobId)
                .param("at", at.toEpochMilli())
                .update();
    }

    /** Ends a report that is not final yet; returns whether it did. */
    public boolean finish(String reportId, ReportStatus status, String detail, Instant at) {
        return jdbc.sql("UPDATE reports SET status = :status, detail = :detail, finished_at = :at "
                                + "WHERE report_id = :reportId AND status IN ('RECEIVED', 'SENT')")
                        .param("reportId", reportId)
                        .param("status", status.name())
                        .param("detail", LedgerColumns.detail(detail))
                        .param("at", at.toEpochMilli())
                        .update()
                == 1;
    }

    /** A data file failed its MD5 after the job went out: the report fails, whatever the loader says. */
    public boolean failAfterSend(String reportId, String detail, Instant at) {
        return jdbc.sql("UPDATE reports SET status = 'FAILED', detail = :detail, finished_at = :at "
                                + "WHERE report_id = :reportId AND status IN ('SENT', 'SUCCEEDED', 'QUARANTINED')")
                        .param("reportId", reportId)
                        .param("detail", LedgerColumns.detail(detail))
                        .param("at", at.toEpochMilli())
                        .update()
                == 1;
    }

    /** Records the loader's reply for a sent report; empty when no sent report has the job id. */
    public Optional<Report> recordResult(
            String jobId,
            ReportStatus status,
            long rowsLoaded,
            long rowsQuarantined,
            String detail,
            long loadMillis,
            Instant at) {
        int updated = jdbc.sql("UPDATE reports SET status = :status, rows_loaded = :loaded, rows_quarantined = "
                        + ":quarantined, detail = :detail, load_millis = :millis, finished_at = :at "
                        + "WHERE job_id = :jobId AND status = 'SENT'")
                .param("jobId", jobId)
                .param("status", status.name())
                .param("loaded", rowsLoaded)
                .param("quarantined", rowsQuarantined)
                .param("detail", LedgerColumns.detail(detail))
                .param("millis", loadMillis)
                .param("at", at.toEpochMilli())
                .update();
        if (updated == 0) {
            return Optional.empty();
        }
        return findByJob(jobId);
    }

    public Optional<Report> findByJob(String jobId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reports WHERE job_id = :jobId")
                .param("jobId", jobId)
                .query(ReportLedger::report)
                .optional();
    }

    public Optional<Report> find(String reportId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reports WHERE report_id = :reportId")
                .param("reportId", reportId)
                .query(ReportLedger::report)
                .optional();
    }

    public Optional<String> manifestJson(String reportId) {
        return jdbc.sql("SELECT manifest_json FROM reports WHERE report_id = :reportId AND manifest_json IS NOT NULL")
                .param("reportId", reportId)
                .query(String.class)
                .optional();
    }

    public List<Report> list(String sourceBucket, ReportStatus status, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM reports WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (sourceBucket != null) {
            sql.append(" AND source_bucket = ?");
            params.add(sourceBucket);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.name());
        }
        sql.append(" ORDER BY received_at DESC, report_id LIMIT ").append(limit);
        return jdbc.sql(sql.toString())
                .params(params)
                .query(ReportLedger::report)
                .list();
    }

    public List<Report.File> files(String reportId) {
        return jdbc.sql("SELECT file_key, size, md5, row_count FROM report_files WHERE report_id = :reportId "
                        + "ORDER BY position")
                .param("reportId", reportId)
                .query((rs, row) -> new Report.File(
                        rs.getString("file_key"),
                        rs.getLong("size"),
                        rs.getString("md5"),
                        LedgerColumns.nullableLong(rs, "row_count")))
                .list();
    }

    /**
     * The newest earlier report of the same source bucket and configuration that got as far as {@code statuses}, for
     * schema changes and growth.
     */
    public Optional<Report> previous(Report report, List<ReportStatus> statuses, boolean withInsights) {
        if (report.sourceBucket() == null || report.createdAt() == null) {
            return Optional.empty();
        }
        String in = String.join(
                ",", statuses.stream().map(status -> "'" + status.name() + "'").toList());
        return jdbc.sql("SELECT " + COLUMNS + " FROM reports WHERE source_bucket = :bucket AND configuration_id = "
                        + ":config AND creation_timestamp < :createdAt AND status IN (" + in + ")"
                        + (withInsights ? " AND insights IS NOT NULL" : "")
                        + " ORDER BY creation_timestamp DESC, received_at DESC LIMIT 1")
                .param("bucket", report.sourceBucket())
                .param("config", report.configurationId())
                .param("createdAt", report.createdAt().toEpochMilli())
                .query(ReportLedger::report)
                .optional();
    }

    /** How the report's bucket grew since the newest earlier loaded report with insights; {@code null} without insights. */
    public InventoryInsights.Growth growth(Report report) {
        if (report.insights() == null) {
            return null;
        }
        return previous(report, ReportStatus.LOADED, true)
                .map(previous ->
                        InventoryInsights.Growth.between(previous.reportId(), previous.insights(), report.insights()))
                .orElse(null);
    }

    private static Report report(ResultSet rs, int row) throws SQLException {
        String columns = rs.getString("columns_list");
        String insights = rs.getString("insights");
        return new Report(
                rs.getString("report_id"),
                rs.getString("idempotency_key"),
                rs.getString("run_id"),
                rs.getString("job_id"),
                ReportOrigin.valueOf(rs.getString("origin")),
                rs.getString("destination_bucket"),
                rs.getString("manifest_key"),
                rs.getString("source_bucket"),
                rs.getString("configuration_id"),
                instant(rs, "creation_timestamp"),
                rs.getString("file_format"),
                rs.getInt("file_count"),
                rs.getLong("total_bytes"),
                LedgerColumns.nullableLong(rs, "rows_scanned"),
                LedgerColumns.nullableLong(rs, "rows_loaded"),
                LedgerColumns.nullableLong(rs, "rows_quarantined"),
                ReportStatus.valueOf(rs.getString("status")),
                rs.getString("detail"),
                columns == null || columns.isEmpty() ? List.of() : Arrays.asList(columns.split(",")),
                rs.getString("schema_changes"),
                insights == null ? null : MessageJson.read(insights, InventoryInsights.class),
                instant(rs, "received_at"),
                instant(rs, "sent_at"),
                instant(rs, "finished_at"),
                LedgerColumns.nullableLong(rs, "verify_millis"),
                LedgerColumns.nullableLong(rs, "crawl_millis"),
                LedgerColumns.nullableLong(rs, "load_millis"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Long millis = LedgerColumns.nullableLong(rs, column);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
