package io.tidewater.loader.job;

/** Where a load job is. */
enum JobState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED
}
