package io.tidewater.billing.ledger;

import java.math.BigDecimal;

/** The unblended cost of one service, account or day of a period. */
public record CostLine(String key, BigDecimal unblendedCost) {}
