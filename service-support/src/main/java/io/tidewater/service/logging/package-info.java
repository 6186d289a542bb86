/** Correlation ids in every log line a message causes, for the structured JSON logs. */
package io.tidewater.service.logging;
