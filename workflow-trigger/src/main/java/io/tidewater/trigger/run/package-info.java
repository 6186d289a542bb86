/** The run ledger: one run per report, deduplicated, ordered per key, serialised per table, and its state. */
package io.tidewater.trigger.run;
