package io.tidewater.loader.job;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Rows and bytes one load's Spark tasks have read: finished tasks by their final metrics, running ones by the latest
 * figures their executor's heartbeat reported, so that a long task (one gzip file is one task) shows progress too.
 */
final class InputProgress {

    private long finishedRows;
    private long finishedBytes;
    private final Map<Long, long[]> running = new HashMap<>();
    private final Set<Long> finished = new HashSet<>();

    /** The running task's figures so far, which replace the ones it reported before. */
    synchronized void running(long taskId, long rows, long bytes) {
        // A heartbeat may be reported after the task's end: its end holds the final figures.
        if (!finished.contains(taskId)) {
            running.put(taskId, new long[] {rows, bytes});
        }
    }

    synchronized void finished(long taskId, long rows, long bytes) {
        if (finished.add(taskId)) {
            running.remove(taskId);
            finishedRows += rows;
            finishedBytes += bytes;
        }
    }

    synchronized long rows() {
        return finishedRows
                + running.values().stream().mapToLong(figures -> figures[0]).sum();
    }

    synchronized long bytes() {
        return finishedBytes
                + running.values().stream().mapToLong(figures -> figures[1]).sum();
    }
}
