package io.tidewater.trigger.run;

import java.time.Instant;

/** The newest event recorded for a key. */
record KeyPosition(String sequencer, Instant eventTime) {}
