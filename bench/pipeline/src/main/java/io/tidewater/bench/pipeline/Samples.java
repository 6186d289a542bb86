package io.tidewater.bench.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Measured values of one variant, in the order they were taken. */
record Samples(List<Double> values) {

    Samples {
        values = List.copyOf(values);
    }

    double median() {
        return percentile(50);
    }

    /** Nearest-rank percentile, so that every reported figure is one that was measured. */
    double percentile(int percent) {
        if (values.isEmpty()) {
            throw new IllegalStateException("Cannot take a percentile of no samples");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (percent == 50 && sorted.size() % 2 == 0) {
            return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
