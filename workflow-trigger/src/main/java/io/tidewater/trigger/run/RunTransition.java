package io.tidewater.trigger.run;

import io.tidewater.contract.RunState;
import java.time.Instant;

/** A state a run reached, when, and what was reported with it. */
public record RunTransition(RunState state, Instant at, long rows, String detail) {}
