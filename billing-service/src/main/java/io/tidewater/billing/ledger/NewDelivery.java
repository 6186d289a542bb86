package io.tidewater.billing.ledger;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A delivery to admit to its report's period, with its load job and what streaming its files found.
 *
 * @param report the report it is a delivery of, see {@code BillingDelivery.report()}
 * @param loadJob the load job as JSON, kept to send it later when it has to wait, and for re-ingesting
 * @param costs cost per dimension value; empty when the files were not streamed
 */
public record NewDelivery(
        String table,
        String report,
        String period,
        String assemblyId,
        String kind,
        String manifestUri,
        Instant manifestModifiedAt,
        String runId,
        String jobId,
        String loadJob,
        Long rowCount,
        BigDecimal unblendedCost,
        String invoiceId,
        Map<Dimension, Map<String, BigDecimal>> costs) {

    public NewDelivery {
        requireNonNull(table, "table is null");
        requireNonNull(report, "report is null");
        requireNonNull(period, "period is null");
        requireNonNull(assemblyId, "assemblyId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(manifestUri, "manifestUri is null");
        requireNonNull(manifestModifiedAt, "manifestModifiedAt is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(jobId, "jobId is null");
        requireNonNull(loadJob, "loadJob is null");
        costs = costs == null ? Map.of() : Map.copyOf(costs);
    }
}
