package io.tidewater.inventory.intake;

import io.tidewater.contract.LoadJob;
import io.tidewater.contract.RunState;
import io.tidewater.inventory.config.InventoryProperties;
import io.tidewater.inventory.config.InventoryProperties.DataFileChecksums;
import io.tidewater.inventory.crawl.InventoryLoadJobs;
import io.tidewater.inventory.crawl.ReportScanner;
import io.tidewater.inventory.crawl.ReportSchema;
import io.tidewater.inventory.insight.InventoryInsights;
import io.tidewater.inventory.ledger.Report;
import io.tidewater.inventory.ledger.ReportLedger;
import io.tidewater.inventory.ledger.ReportNotFoundException;
import io.tidewater.inventory.ledger.ReportOrigin;
import io.tidewater.inventory.ledger.ReportStatus;
import io.tidewater.inventory.manifest.InvalidReportException;
import io.tidewater.inventory.manifest.InventoryManifest;
import io.tidewater.inventory.manifest.ManifestReader;
import io.tidewater.inventory.manifest.ManifestReader.VerifiedManifest;
import io.tidewater.inventory.manifest.ReportLocation;
import io.tidewater.inventory.results.InventoryMetrics;
import io.tidewater.service.faults.CrashPoint;
import io.tidewater.service.messaging.LoadJobsClient;
import io.tidewater.service.messaging.RunUpdatesClient;
import io.tidewater.service.metrics.PipelineMeters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Inventory reports at intake: verify the manifest and the data files, crawl a typed schema, count the insights and
 * send one load job; the loader's reply is taken by {@code results}.
 */
@Service
public class Reports {

    private static final Logger log = LoggerFactory.getLogger(Reports.class);
    private static final List<ReportStatus> CRAWLED =
            List.of(ReportStatus.SENT, ReportStatus.SUCCEEDED, ReportStatus.QUARANTINED);

    private final ManifestReader manifests;
    private final ReportScanner scanner;
    private final S3Client s3;
    private final ReportLedger ledger;
    private final RunUpdatesClient runUpdates;
    private final LoadJobsClient loadJobs;
    private final InventoryMetrics metrics;
    private final InventoryProperties properties;
    private final Clock clock;

    Reports(
            ManifestReader manifests,
            ReportScanner scanner,
            S3Client s3,
            ReportLedger ledger,
            RunUpdatesClient runUpdates,
            LoadJobsClient loadJobs,
            InventoryMetrics metrics,
            InventoryProperties properties,
            Clock inventoryClock) {
        this.manifests = manifests;
        this.scanner = scanner;
        this.s3 = s3;
        this.ledger = ledger;
        this.runUpdates = runUpdates;
        this.loadJobs = loadJobs;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = inventoryClock;
    }

    /** A report and what the ledger holds about it. */
    public record ReportDetail(Report report, List<Report.File> files, InventoryInsights.Growth growth) {}

    /**
     * Takes a report in. A report that is wrong as delivered (checksum mismatch, missing file, unknown format) comes
     * back {@link ReportStatus#REJECTED} with the reason in its detail, and nothing of it is sent to the loader.
     */
    public Report ingest(ReportRequest request) {
        String reportId = UUID.randomUUID().toString();
        Intake intake = Intake.of(reportId, request);
        ledger.insertReceived(
                reportId,
                intake.runId(),
                intake.origin(),
                intake.bucket(),
                intake.manifestKey(),
                intake.manifestJson(),
                clock.instant());
        CrashPoint.AFTER_RECEIVE.reached();
        try {
            send(reportId, request);
        } catch (InvalidReportException invalid) {
            ledger.finish(reportId, ReportStatus.REJECTED, invalid.getMessage(), clock.instant());
            metrics.report(PipelineMeters.Outcome.REJECTED);
            tellTrigger(report(reportId), RunState.FAILED, 0, invalid.getMessage());
            log.warn("Run {}: rejected report {}: {}", intake.runId(), reportId, invalid.getMessage());
        } catch (RuntimeException e) {
            ledger.finish(
                    reportId,
                    ReportStatus.FAILED,
                    "Cannot ingest report: %s (the intake may be retried)".formatted(e.getMessage()),
                    clock.instant());
            metrics.report(PipelineMeters.Outcome.ERRORED);
            throw e;
        }
        return report(reportId);
    }

    /** Takes a report in again from where it was found, as a new intake; the loader loads nothing twice. */
    public Report reingest(String reportId) {
        Report previous = report(reportId);
        Optional<String> inline = ledger.manifestJson(reportId);
        return ingest(
                inline.isPresent()
                        ? new ReportRequest.Inline(previous.destinationBucket(), inline.get())
                        : new ReportRequest.AtLocation(previous.destinationBucket(), previous.manifestKey()));
    }

    public List<Report> list(String sourceBucket, ReportStatus status, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("Cannot list reports: limit must be from 1 to 1000, not " + limit);
        }
        return ledger.list(sourceBucket, status, limit);
    }

    /** @throws ReportNotFoundException when no report has the id */
    public ReportDetail detail(String reportId) {
        Report report = report(reportId);
        return new ReportDetail(report, ledger.files(reportId), ledger.growth(report));
    }

    private void send(String reportId, ReportRequest request) {
        VerifiedManifest verified = read(request);
        InventoryManifest manifest = verified.manifest();
        ledger.recordManifest(
                reportId,
                InventoryLoadJobs.idempotencyKey(verified),
                manifest.sourceBucket(),
                verified.location().configurationId(),
                manifest.createdAt(),
                manifest.fileFormat(),
                verified.location().manifestKey(),
                verified.files().stream()
                        .map(file -> new Report.File(
                                file.key(),
                                file.declared().size(),
                                file.declared().md5Checksum(),
                                null))
                        .toList());
        ReportSchema schema = ReportSchema.crawl(verified, s3, properties.crawl(), properties.limits());
        ledger.recordCrawl(reportId, schema.names(), schemaChanges(report(reportId), schema.names()), schema.millis());
        CrashPoint.AFTER_CRAWL.reached();
        ReportScanner.Layout layout = new ReportScanner.Layout(manifest.fileFormat(), schema.names(), schema.header());
        boolean verifyFirst = properties.dataFileChecksums() == DataFileChecksums.BEFORE_LOAD;
        if (verifyFirst) {
            ReportScanner.Scan scan = scanner.scan(verified, layout);
            scan.requireChecksumsMatch();
            recordScan(reportId, scan);
        }
        Report received = report(reportId);
        LoadJob job = InventoryLoadJobs.forReport(received.runId(), verified, schema, properties);
        ledger.recordSent(reportId, job.jobId(), clock.instant());
        loadJobs.send(job);
        tellTrigger(
                received,
                RunState.CRAWLED,
                0,
                "load job %s: %d files, %d columns"
                        .formatted(
                                job.jobId(), job.files().size(), job.columns().size()));
        log.info(
                "Run {}: inventory report {} of {} with {} files sent to the loader as job {}",
                received.runId(),
                reportId,
                manifest.sourceBucket(),
                job.files().size(),
                job.jobId());
        if (!verifyFirst) {
            verifyWhileLoading(reportId, verified, layout);
        }
    }

    /**
     * The opt-in fast path: the loader is already reading. It checks the MD5s itself before publishing, so a mismatch
     * found here fails a run whose load fails too.
     */
    private void verifyWhileLoading(String reportId, VerifiedManifest verified, ReportScanner.Layout layout) {
        ReportScanner.Scan scan = scanner.scan(verified, layout);
        if (!scan.mismatches().isEmpty()) {
            String detail = String.join("; ", scan.mismatches())
                    + " (found while loading; the loader publishes nothing of a file whose MD5 differs)";
            if (ledger.failAfterSend(reportId, detail, clock.instant())) {
                metrics.report(PipelineMeters.Outcome.REJECTED);
                tellTrigger(report(reportId), RunState.FAILED, 0, detail);
            }
            log.error("Report {}: {}", reportId, detail);
            return;
        }
        recordScan(reportId, scan);
        metrics.insights(report(reportId));
    }

    private void tellTrigger(Report report, RunState state, long rows, String detail) {
        if (report.routed()) {
            runUpdates.send(report.runId(), state, properties.table(), rows, detail);
        }
    }

    private VerifiedManifest read(ReportRequest request) {
        if (request instanceof ReportRequest.Routed routed) {
            return manifests.read(ReportLocation.ofMarker(
                    routed.arrived().bucket(), routed.arrived().key()));
        }
        if (request instanceof ReportRequest.AtLocation location) {
            return manifests.read(ReportLocation.ofManifestOrChecksum(location.bucket(), location.key()));
        }
        ReportRequest.Inline inline = (ReportRequest.Inline) request;
        return manifests.readInline(inline.bucket(), inline.manifestJson());
    }

    private void recordScan(String reportId, ReportScanner.Scan scan) {
        ledger.recordScan(
                reportId,
                scan.insights(),
                scan.files().stream().map(ReportScanner.FileScan::rows).toList(),
                scan.millis());
    }

    private String schemaChanges(Report report, List<String> columns) {
        return ledger.previous(report, CRAWLED, false)
                .map(previous -> {
                    Set<String> added = new LinkedHashSet<>(columns);
                    previous.columns().forEach(added::remove);
                    Set<String> removed = new LinkedHashSet<>(previous.columns());
                    columns.forEach(removed::remove);
                    List<String> parts = new ArrayList<>();
                    if (!added.isEmpty()) {
                        parts.add("added " + String.join(", ", added));
                    }
                    if (!removed.isEmpty()) {
                        parts.add("removed " + String.join(", ", removed) + " (NULL from now on)");
                    }
                    return parts.isEmpty() ? null : String.join("; ", parts);
                })
                .orElse(null);
    }

    private Report report(String reportId) {
        return ledger.find(reportId)
                .orElseThrow(() -> new ReportNotFoundException("Cannot find report " + reportId + ": no such report"));
    }

    /** What the ledger records before the manifest is read. */
    private record Intake(String runId, ReportOrigin origin, String bucket, String manifestKey, String manifestJson) {
        static Intake of(String reportId, ReportRequest request) {
            if (request instanceof ReportRequest.Routed routed) {
                return new Intake(
                        routed.arrived().runId(),
                        ReportOrigin.EVENT,
                        routed.arrived().bucket(),
                        ReportLocation.ofMarker(
                                        routed.arrived().bucket(),
                                        routed.arrived().key())
                                .manifestKey(),
                        null);
            }
            if (request instanceof ReportRequest.AtLocation location) {
                return new Intake("admin-" + reportId, ReportOrigin.LOCATION, location.bucket(), location.key(), null);
            }
            ReportRequest.Inline inline = (ReportRequest.Inline) request;
            return new Intake(
                    "admin-" + reportId,
                    ReportOrigin.INLINE,
                    inline.bucket() == null ? "" : inline.bucket(),
                    "(inline)",
                    inline.manifestJson());
        }
    }
}
