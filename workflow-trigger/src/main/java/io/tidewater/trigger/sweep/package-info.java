/** The backup sweep: lists the routes' prefixes and starts a run for every completion marker that has none. */
package io.tidewater.trigger.sweep;
