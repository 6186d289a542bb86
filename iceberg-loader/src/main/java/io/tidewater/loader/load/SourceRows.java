package io.tidewater.loader.load;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;

/**
 * A job's rows as read: the rows that fit the table, and, for text formats, the rows that did not, which are counted
 * during the write (no extra pass) and read again only when there are any.
 *
 * @param goodRows rows shaped like the table
 * @param badRowCount observed while {@code goodRows} is written; empty for formats without malformed rows
 * @param badRows the malformed rows with file, line number, raw text and reason, computed on demand
 */
record SourceRows(Dataset<Row> goodRows, Observation badRowCount, Supplier<Dataset<Row>> badRows) {

    static final String BAD_ROWS_METRIC = "bad_rows";

    static SourceRows withoutMalformedRows(Dataset<Row> goodRows) {
        return new SourceRows(goodRows, null, null);
    }

    /** How many rows did not fit; valid once {@code goodRows} has been written. */
    long countBadRows() {
        if (badRowCount == null) {
            return 0;
        }
        Map<String, Object> metrics;
        try {
            metrics = badRowCount.getAsJava();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot count the malformed rows: interrupted", e);
        }
        Object count = metrics.get(BAD_ROWS_METRIC);
        return count == null ? 0 : ((Number) count).longValue();
    }
}
