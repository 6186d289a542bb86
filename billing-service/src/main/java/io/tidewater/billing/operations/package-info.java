/** The read-only operational view of billing periods, for dashboards: Actuator's {@code periods}. */
package io.tidewater.billing.operations;
