package io.tidewater.loader.sql;

import java.util.List;

/**
 * The result of a query: column names and rows of values as JSON-friendly Java objects.
 *
 * @param columns the column names in order
 * @param rows each row's values in column order
 */
public record QueryResult(List<String> columns, List<List<Object>> rows) {

    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
