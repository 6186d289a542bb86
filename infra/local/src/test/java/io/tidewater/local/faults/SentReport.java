package io.tidewater.local.faults;

import io.tidewater.local.demo.InventoryReport;
import java.time.Instant;

/**
 * A generated inventory report the test sent, with the idempotency key the pipeline gives it (the inventory service
 * derives it from the manifest: source bucket, configuration, creation timestamp).
 */
public record SentReport(InventoryReport report, Instant createdAt) {

    public String idempotencyKey() {
        return "s3-inventory/%s/%s/%d"
                .formatted(report.sourceBucket(), report.configurationId(), createdAt.toEpochMilli());
    }

    public String checksumKey() {
        return report.checksumKey();
    }

    public long rows() {
        return report.rows();
    }
}
