/** Run summaries for people and tools that want to know when a report loaded or failed. */
package io.tidewater.trigger.notification;
