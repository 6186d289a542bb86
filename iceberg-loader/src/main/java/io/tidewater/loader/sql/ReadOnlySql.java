package io.tidewater.loader.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs queries that only read: {@code SELECT}, {@code WITH}, {@code SHOW}, {@code DESCRIBE} and {@code EXPLAIN}.
 * Changes to tables go through the admin API, never through ad-hoc SQL.
 */
public final class ReadOnlySql {

    private static final Set<String> READING_STATEMENTS =
            Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN");

    private final SparkSession spark;
    private final int maxRows;

    public ReadOnlySql(SparkSession spark, int maxRows) {
        this.spark = spark;
        this.maxRows = maxRows;
    }

    public QueryResult run(String query) {
        String statement = query.strip();
        String firstWord = statement.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (!READING_STATEMENTS.contains(firstWord)) {
            throw new IllegalArgumentException("Cannot run query: only " + READING_STATEMENTS
                    + " statements are allowed here, and it starts with " + firstWord);
        }
        // Only reading statements pass, and they change no session setting: the shared session serves them.
        Dataset<Row> frame = spark.sql(statement);
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : frame.takeAsList(maxRows)) {
            List<Object> values = new ArrayList<>(row.length());
            for (int index = 0; index < row.length(); index++) {
                Object value = row.get(index);
                values.add(
                        value == null || value instanceof Number || value instanceof Boolean
                                ? value
                                : String.valueOf(value));
            }
            rows.add(values);
        }
        return new QueryResult(Arrays.asList(frame.columns()), rows);
    }
}
