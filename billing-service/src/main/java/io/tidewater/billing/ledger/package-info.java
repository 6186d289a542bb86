/** Billing periods and their deliveries: which delivery a period holds, which were skipped, and what they cost. */
package io.tidewater.billing.period;
