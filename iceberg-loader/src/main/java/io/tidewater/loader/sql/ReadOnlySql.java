package io.tidewater.loader.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Runs statements that only read tables of the configured Iceberg catalogs: queries ({@code SELECT}, {@code WITH},
 * {@code VALUES}, {@code TABLE}), {@code EXPLAIN} of a query, and {@code SHOW} and {@code DESCRIBE} of tables and
 * namespaces. Statements are judged by the plan Spark parses and analyses, not by their first word: anything that
 * writes, changes the session, reads a path or another catalog, or calls into the JVM is refused with what it was.
 * Changes to tables go through the admin API, never through ad-hoc SQL.
 */
public final class ReadOnlySql {

    private final SparkSession spark;
    private final CatalogTablesOnlyPolicy policy;
    private final int maxRows;

    /**
     * @param spark the session the statements run in
     * @param catalogs the Iceberg catalogs whose tables may be read, by their names in Spark SQL
     * @param maxRows the most rows a result holds
     */
    public ReadOnlySql(SparkSession spark, Collection<String> catalogs, int maxRows) {
        this.spark = spark;
        this.policy = new CatalogTablesOnlyPolicy(spark, catalogs);
        this.maxRows = maxRows;
    }

    /**
     * @throws IllegalArgumentException "Cannot run query: ..." naming what the statement would have done
     * @throws IllegalArgumentException "Cannot parse query: ..." when the statement does not parse
     * @throws org.apache.spark.sql.AnalysisException when the statement names what does not exist
     */
    public QueryResult run(String query) {
        String statement = query.strip();
        LogicalPlan parsed;
        try {
            parsed = spark.sessionState().sqlParser().parsePlan(statement);
        } catch (ParseException e) {
            throw new IllegalArgumentException("Cannot parse query: " + e.getMessage(), e);
        }
        policy.check(parsed);
        // The same text parses to the same plan: the statement run is the one checked.
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
