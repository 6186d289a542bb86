/** Taking a report in: the trigger's {@code ReportArrived} listener and the intake use case, from manifest to load job. */
package io.tidewater.inventory.intake;
