/**
 * Taking a delivery in: the trigger's {@code ReportArrived} listener and the intake use case, from manifest to period
 * admission and load job.
 */
package io.tidewater.billing.intake;
