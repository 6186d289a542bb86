package io.tidewater.inventory.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidewater.inventory.intake.ReportRequest;
import io.tidewater.inventory.intake.Reports;
import io.tidewater.inventory.ledger.Report;
import io.tidewater.inventory.ledger.ReportStatus;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Inventory reports: the ledger, insights, re-ingest and intake by location or inline manifest. */
@RestController
@RequestMapping("/admin")
@Tag(name = "admin", description = "Operate the inventory service")
class AdminController {

    private final Reports reports;

    AdminController(Reports reports) {
        this.reports = reports;
    }

    /** The bucket and key of a {@code manifest.json} or {@code manifest.checksum}. */
    record LocationRequest(String bucket, String key) {}

    @Operation(summary = "List reports, newest first")
    @GetMapping("/reports")
    List<Report> list(
            @Parameter(description = "only this source bucket") @RequestParam(required = false) String sourceBucket,
            @Parameter(description = "only this status") @RequestParam(required = false) ReportStatus status,
            @RequestParam(defaultValue = "100") int limit) {
        return reports.list(sourceBucket, status, limit);
    }

    @Operation(summary = "A report with its files, insights and growth against the previous report")
    @GetMapping("/reports/{reportId}")
    Reports.ReportDetail detail(@PathVariable String reportId) {
        return reports.detail(reportId);
    }

    @Operation(summary = "Take a report in again; the loader loads nothing twice")
    @PostMapping("/reports/{reportId}/reingest")
    ResponseEntity<Report> reingest(@PathVariable String reportId) {
        return respond(reports.reingest(reportId));
    }

    @Operation(summary = "Take in the report of a manifest.json or manifest.checksum")
    @PostMapping("/reports")
    ResponseEntity<Report> ingest(@RequestBody LocationRequest request) {
        if (request.bucket() == null || request.key() == null) {
            throw new IllegalArgumentException("Cannot ingest report: give bucket and key");
        }
        return respond(reports.ingest(new ReportRequest.AtLocation(request.bucket(), request.key())));
    }

    @Operation(
            summary = "Take in a report from a manifest passed inline, as the filemanager lambda took it",
            description = "The body is the manifest.json content; there is no manifest.checksum to verify it against.")
    @PostMapping(value = "/reports/inline", consumes = "application/json")
    ResponseEntity<Report> ingestInline(
            @Parameter(description = "where the data files are; the manifest's destinationBucket when absent")
                    @RequestParam(required = false)
                    String bucket,
            @RequestBody String manifest) {
        String target = bucket == null || bucket.isBlank() ? null : bucket;
        return respond(reports.ingest(new ReportRequest.Inline(target, manifest)));
    }

    /** 202 once the job is on its way, 422 with the reason when the report was rejected. */
    private static ResponseEntity<Report> respond(Report report) {
        HttpStatus status =
                report.status() == ReportStatus.REJECTED ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).body(report);
    }
}
