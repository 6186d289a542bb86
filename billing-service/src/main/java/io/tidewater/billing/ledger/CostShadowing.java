package io.tidewater.billing.ledger;

import java.time.Instant;

/**
 * A report's rows of a payer's month that do not count in {@code billing.costs}, because a generation that ranks first
 * delivered the same payer's month.
 *
 * @param period the billing period
 * @param key the payer, as {@code billing_account_id=<id>}
 * @param source the shadowed generation: {@code cur}, {@code cur2} or {@code focus}
 * @param report the shadowed report
 * @param bySource the generation whose rows count
 * @param byReport the report whose rows count
 * @param recordedAt when the loader's reply said so
 */
public record CostShadowing(
        String period,
        String key,
        String source,
        String report,
        String bySource,
        String byReport,
        Instant recordedAt) {}
