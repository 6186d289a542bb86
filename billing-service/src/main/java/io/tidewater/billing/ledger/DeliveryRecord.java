package io.tidewater.billing.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One delivery of a billing period, as the ledger keeps it.
 *
 * @param table the target table
 * @param report the report it is a delivery of; empty for deliveries recorded before reports were
 * @param period the billing period, {@code YYYY-MM}
 * @param assemblyId the delivery's assembly or execution id
 * @param kind {@code legacy-cur} or {@code data-export}
 * @param manifestUri the manifest that announced it first
 * @param manifestModifiedAt when S3 last wrote that manifest: the delivery order
 * @param state where it is
 * @param runId the workflow run that brought it
 * @param jobId the load job of its latest attempt, or {@code null} when it was never sent
 * @param rowCount rows in its files, counted while streaming them; {@code null} when not counted (Parquet)
 * @param rowsLoaded rows the loader committed, or {@code null} before it replied
 * @param unblendedCost the sum of its unblended (FOCUS: billed) cost; {@code null} when not counted
 * @param invoiceId the invoice id when the period is invoiced, else {@code null}
 * @param detail why it was skipped or failed
 * @param receivedAt when this service first saw it
 * @param updatedAt when its state last changed
 */
public record DeliveryRecord(
        String table,
        String report,
        String period,
        String assemblyId,
        String kind,
        String manifestUri,
        Instant manifestModifiedAt,
        DeliveryState state,
        String runId,
        String jobId,
        Long rowCount,
        Long rowsLoaded,
        BigDecimal unblendedCost,
        String invoiceId,
        String detail,
        Instant receivedAt,
        Instant updatedAt) {

    /** Whether the delivery is of an invoiced period. */
    public boolean isFinal() {
        return invoiceId != null && !invoiceId.isBlank();
    }
}
