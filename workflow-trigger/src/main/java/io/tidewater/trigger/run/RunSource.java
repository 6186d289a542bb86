package io.tidewater.trigger.run;

/** What found a report: its S3 event, the backup sweep, or an operator. */
public enum RunSource {
    EVENT,
    SWEEP,
    MANUAL
}
