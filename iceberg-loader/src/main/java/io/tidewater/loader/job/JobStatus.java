package io.tidewater.loader.job;

import io.tidewater.contract.LoadResult;
import java.time.Instant;

/**
 * A load job as the status registry knows it.
 *
 * @param origin {@code queue} for jobs from the jobs queue, {@code admin} for jobs submitted through the admin API
 * @param submittedAt when the admin API queued it, or when it started for jobs from the queue
 * @param startedAt {@code null} while queued
 * @param finishedAt {@code null} until it succeeds or fails
 * @param progress what Spark has read for it so far
 * @param result the load's result once it succeeded
 * @param failure why it failed, naming the file, row or field
 * @param retryable whether running the same job again may succeed; {@code null} unless it failed
 */
record JobStatus(
        String jobId,
        String table,
        String origin,
        JobState state,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        Progress progress,
        LoadResult.LoadCompleted result,
        String failure,
        Boolean retryable) {

    /**
     * Spark's input metrics of the load's tasks: finished tasks exactly, running ones as of their executor's last
     * heartbeat (every 10 seconds by default), so a long load's figures grow while it runs.
     *
     * @param rowsRead rows the job's Spark tasks read, a re-read of malformed rows included
     * @param bytesRead bytes the job's Spark tasks read
     * @param rowsPerSecond rows read per second of running
     * @param elapsedMillis running time so far, or in all once finished
     */
    record Progress(long rowsRead, long bytesRead, double rowsPerSecond, long elapsedMillis) {}
}
