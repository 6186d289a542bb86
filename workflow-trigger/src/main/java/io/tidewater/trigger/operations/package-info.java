/** The read-only operational view of the trigger's pipelines, for dashboards: Actuator's {@code pipelines}. */
package io.tidewater.trigger.operations;
