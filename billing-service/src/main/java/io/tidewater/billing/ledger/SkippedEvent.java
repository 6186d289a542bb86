package io.tidewater.billing.ledger;

import java.time.Instant;

/** An event for a delivery that changed nothing, and why. */
public record SkippedEvent(String runId, String assemblyId, String manifestUri, String reason, Instant at) {}
