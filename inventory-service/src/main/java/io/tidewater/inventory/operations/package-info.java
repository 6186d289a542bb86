/** The read-only operational view of inventory reports, for dashboards: Actuator's {@code reports}. */
package io.tidewater.inventory.operations;
