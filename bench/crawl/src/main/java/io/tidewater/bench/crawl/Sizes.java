package io.tidewater.bench.crawl;

import java.util.Locale;

/** Sizes written as 1MB, 10MB, 1GB (powers of 1000, as the issue states them). */
final class Sizes {
    private Sizes() {}

    static long parse(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        if (upper.endsWith("GB")) {
            return Long.parseLong(upper.substring(0, upper.length() - 2)) * 1_000_000_000L;
        }
        if (upper.endsWith("MB")) {
            return Long.parseLong(upper.substring(0, upper.length() - 2)) * 1_000_000L;
        }
        throw new IllegalArgumentException("Cannot parse size " + text + ": use e.g. 100MB or 1GB");
    }

    static String label(long bytes) {
        return bytes >= 1_000_000_000L && bytes % 1_000_000_000L == 0
                ? bytes / 1_000_000_000L + "GB"
                : bytes / 1_000_000L + "MB";
    }
}
