package io.tidewater.billing.period;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A billing period of a table: its state and the delivery it holds.
 *
 * @param currentAssemblyId the delivery the table holds for the period, or {@code null} before the first load
 * @param deliveries how many deliveries were seen, loaded or not
 * @param skippedEvents events that changed nothing (duplicates, stale deliveries)
 * @param rows rows of the current delivery
 * @param unblendedCost the current delivery's total unblended cost
 * @param lastLoadedAt when the current delivery was loaded
 */
public record PeriodSummary(
        String table,
        String period,
        PeriodState state,
        String currentAssemblyId,
        int deliveries,
        int skippedEvents,
        Long rows,
        BigDecimal unblendedCost,
        String invoiceId,
        Instant lastLoadedAt) {}
