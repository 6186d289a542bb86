/** Operators' REST API under {@code /admin}: runs, replays, dead-letter redrive, pauses and manual starts. */
package io.tidewater.trigger.admin;
