package io.tidewater.loader.load;

import io.tidewater.contract.LoadJob;
import java.io.FileNotFoundException;

/** Tells a failure the input caused (give up, dead-letter it) from one worth retrying. */
final class LoadFailures {

    private LoadFailures() {}

    /** Longer details are cut: a failure reason travels as an SQS message attribute, and Spark quotes whole rows. */
    static final int MAX_DETAIL_CHARS = 2000;

    static RuntimeException classify(LoadJob job, Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // univocity's TextParsingException, under Spark's MALFORMED_CSV_RECORD: an endless line or a huge value.
            if (String.valueOf(cause.getMessage()).contains("exceeds the maximum number of characters")) {
                return invalid(
                        job,
                        firstLine(cause.getMessage()) + " (tidewater.loader.limits.max-chars-per-column)",
                        failure);
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof FileNotFoundException
                    || message.contains("MALFORMED_RECORD")
                    || message.contains("Malformed")
                    || message.contains("PATH_NOT_FOUND")) {
                return invalid(job, firstLine(message), failure);
            }
        }
        return new RetryableLoadException(
                "Cannot load %s into %s: %s"
                        .formatted(LoadJobRunner.describeFiles(job), job.table(), firstLine(failure.getMessage())),
                failure);
    }

    private static InvalidLoadJobException invalid(LoadJob job, String detail, Exception failure) {
        return new InvalidLoadJobException(
                "Cannot load %s into %s: %s".formatted(LoadJobRunner.describeFiles(job), job.table(), detail), failure);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() <= MAX_DETAIL_CHARS ? line : line.substring(0, MAX_DETAIL_CHARS) + "… (cut)";
    }
}
