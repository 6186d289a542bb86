/**
 * The period ledger and its records: which delivery each report's period holds, which were skipped, what they cost,
 * and what each fed into {@code billing.costs}.
 */
package io.tidewater.billing.ledger;
