package io.tidewater.billing.ledger;

/**
 * A report's delivery that a source table holds for a month, and what it wrote to {@code billing.costs}.
 *
 * @param table the source table
 * @param report the report
 * @param assemblyId the delivery the table holds
 * @param rowsLoaded rows it loaded into the source table
 * @param costsRows rows it wrote to {@code billing.costs}; shadowed payers write none; {@code null} before it was
 *     recorded
 */
public record CostFeed(String table, String report, String assemblyId, Long rowsLoaded, Long costsRows) {}
