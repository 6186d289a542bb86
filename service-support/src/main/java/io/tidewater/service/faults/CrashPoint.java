package io.tidewater.service.faults;

import java.util.Arrays;
import java.util.Optional;

/**
 * Named points where the reliability tests stop a service's JVM as {@code kill -9} would. Off by default: a point acts
 * only while the system property {@value #PROPERTY} names it, and nothing in production sets it.
 *
 * <p>{@link Runtime#halt} skips shutdown hooks and finalisation, so the process ends with whatever it had written
 * to disk and the queues, exactly as a killed process does, at a moment that timing from outside cannot hit.
 */
public enum CrashPoint {
    /** The inventory service recorded a report as received and has not crawled it. */
    AFTER_RECEIVE("after-receive"),
    /** The inventory service crawled a report's schema and has not sent its load job. */
    AFTER_CRAWL("after-crawl"),
    /** The loader wrote a job's data files as a staged snapshot and has not published it. */
    FILES_WRITTEN_NOT_COMMITTED("files-written-not-committed"),
    /** The loader published a job's snapshot and has neither replied nor deleted the job's message. */
    COMMITTED_NOT_ACKNOWLEDGED("committed-not-acknowledged"),
    /** The inventory service recorded the loader's reply and has not told the trigger how the run ended. */
    RESULT_RECORDED_NOT_REPORTED("result-recorded-not-reported");

    /** The system property naming the point to crash at. */
    public static final String PROPERTY = "tidewater.faults.crash-at";

    /** The exit status of a process killed by SIGKILL, which this imitates. */
    static final int KILLED_STATUS = 137;

    private final String pointName;

    CrashPoint(String pointName) {
        this.pointName = pointName;
    }

    public String pointName() {
        return pointName;
    }

    /** Halts the JVM if this is the point the system property names; otherwise returns at once. */
    public void reached() {
        if (requested(System.getProperty(PROPERTY)).orElse(null) == this) {
            System.err.println("Fault injection: halting the JVM at crash point " + pointName);
            Runtime.getRuntime().halt(KILLED_STATUS);
        }
    }

    /**
     * The point a property value names; empty for none.
     *
     * @throws IllegalArgumentException if the value names no point: a typo must not silently test nothing
     */
    static Optional<CrashPoint> requested(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(values())
                .filter(point -> point.pointName.equals(value.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Cannot crash at '%s': %s names none of %s"
                        .formatted(
                                value,
                                PROPERTY,
                                Arrays.stream(values())
                                        .map(CrashPoint::pointName)
                                        .toList()))));
    }
}
