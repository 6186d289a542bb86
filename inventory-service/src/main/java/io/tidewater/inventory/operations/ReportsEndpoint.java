package io.tidewater.inventory.operations;

import io.tidewater.inventory.intake.Reports;
import io.tidewater.inventory.ledger.Report;
import io.tidewater.inventory.ledger.ReportNotFoundException;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/reports}: the latest inventory reports and how each one went; {@code /actuator/reports/{id}}
 * adds its files and growth. Re-ingesting stays under {@code /admin}.
 */
@Component
@Endpoint(id = "reports")
class ReportsEndpoint {

    static final int LATEST = 50;

    /** One report as an operator scans it in a list. */
    record ReportLine(
            String reportId,
            String runId,
            String sourceBucket,
            String configurationId,
            Instant createdAt,
            String fileFormat,
            int fileCount,
            long totalBytes,
            Long rowsLoaded,
            Long rowsQuarantined,
            String status,
            String detail,
            Instant receivedAt,
            Instant finishedAt) {

        static ReportLine of(Report report) {
            return new ReportLine(
                    report.reportId(),
                    report.runId(),
                    report.sourceBucket(),
                    report.configurationId(),
                    report.createdAt(),
                    report.fileFormat(),
                    report.fileCount(),
                    report.totalBytes(),
                    report.rowsLoaded(),
                    report.rowsQuarantined(),
                    report.status().name(),
                    report.detail(),
                    report.receivedAt(),
                    report.finishedAt());
        }
    }

    private final Reports reports;

    ReportsEndpoint(Reports reports) {
        this.reports = reports;
    }

    @ReadOperation
    List<ReportLine> latest() {
        return reports.list(null, null, LATEST).stream().map(ReportLine::of).toList();
    }

    /** {@code null} answers 404, as Actuator does for a selector that names nothing. */
    @ReadOperation
    Reports.ReportDetail report(@Selector String reportId) {
        try {
            return reports.detail(reportId);
        } catch (ReportNotFoundException e) {
            return null;
        }
    }
}
