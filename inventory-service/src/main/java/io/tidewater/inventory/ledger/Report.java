package io.tidewater.inventory.ledger;

import io.tidewater.inventory.insight.InventoryInsights;
import java.time.Instant;
import java.util.List;

/**
 * One inventory report as the ledger knows it.
 *
 * @param reportId this intake of the report
 * @param idempotencyKey the load job's key: the same for every intake of the same report; {@code null} when the
 *     manifest could not be read
 * @param runId the workflow run, or {@code admin-<reportId>} for admin intakes
 * @param jobId the load job, once sent
 * @param columns the typed schema's column names, once crawled
 * @param schemaChanges columns added and removed since the previous report of the same bucket and configuration
 * @param insights the report's figures, once its files were read
 * @param verifyMillis time spent streaming the data files (MD5 and insights)
 * @param crawlMillis time spent crawling samples and footers
 * @param loadMillis the loader's time from receiving the job to its commit
 */
public record Report(
        String reportId,
        String idempotencyKey,
        String runId,
        String jobId,
        ReportOrigin origin,
        String destinationBucket,
        String manifestKey,
        String sourceBucket,
        String configurationId,
        Instant createdAt,
        String fileFormat,
        int fileCount,
        long totalBytes,
        Long rowsScanned,
        Long rowsLoaded,
        Long rowsQuarantined,
        ReportStatus status,
        String detail,
        List<String> columns,
        String schemaChanges,
        InventoryInsights insights,
        Instant receivedAt,
        Instant sentAt,
        Instant finishedAt,
        Long verifyMillis,
        Long crawlMillis,
        Long loadMillis) {

    /** Whether the trigger routed this report, so that its run is in the trigger's ledger; admin intakes have none. */
    public boolean routed() {
        return origin == ReportOrigin.EVENT;
    }

    /** One data file of a report, with the MD5 and rows the service read. */
    public record File(String key, long size, String md5, Long rows) {}
}
