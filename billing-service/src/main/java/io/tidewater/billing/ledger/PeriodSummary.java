package io.tidewater.billing.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A report's billing period in a table: its state and the delivery the table holds of it.
 *
 * @param report the report, see {@code BillingDelivery.report()}; empty for deliveries recorded before reports were
 * @param currentAssemblyId the delivery the table holds for the period, or {@code null} before the first load
 * @param deliveries how many deliveries were seen, loaded or not
 * @param skippedEvents events that changed nothing (duplicates, stale deliveries)
 * @param rows rows of the current delivery
 * @param unblendedCost the current delivery's total unblended cost
 * @param lastLoadedAt when the current delivery was loaded
 */
public record PeriodSummary(
        String table,
        String report,
        String period,
        PeriodState state,
        String currentAssemblyId,
        int deliveries,
        int skippedEvents,
        Long rows,
        BigDecimal unblendedCost,
        String invoiceId,
        Instant lastLoadedAt) {}
