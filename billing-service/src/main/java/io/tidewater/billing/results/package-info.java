/**
 * What happens when the loader answers: the reply and its {@code billing.costs} rows recorded, the trigger's run
 * updated, the next delivery of the period sent, the deliveries and costs counted.
 */
package io.tidewater.billing.results;
