package io.tidewater.loader.load;

import io.tidewater.contract.LoadJob;
import java.io.FileNotFoundException;

/** Tells a failure the input caused (give up, dead-letter it) from one worth retrying. */
final class LoadFailures {

    private LoadFailures() {}

    static RuntimeException classify(LoadJob job, Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof FileNotFoundException
                    || message.contains("MALFORMED_RECORD")
                    || message.contains("Malformed")
                    || message.contains("PATH_NOT_FOUND")
                    // univocity's TextParsingException: a value longer than maxCharsPerColumn, an endless line.
                    || message.contains("exceeds the maximum number of characters")) {
                return new InvalidLoadJobException(
                        "Cannot load %s into %s: %s"
                                .formatted(LoadJobRunner.describeFiles(job), job.table(), firstLine(message)),
                        failure);
            }
        }
        return new RetryableLoadException(
                "Cannot load %s into %s: %s"
                        .formatted(LoadJobRunner.describeFiles(job), job.table(), firstLine(failure.getMessage())),
                failure);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
