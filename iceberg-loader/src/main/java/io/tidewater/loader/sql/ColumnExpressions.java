package io.tidewater.loader.sql;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParseException;

/**
 * Admits the Spark SQL expressions a load job carries (a derived table's columns) by the same function rules as
 * read-only SQL, so that a job on the queue never becomes a way to run {@code reflect}.
 */
public final class ColumnExpressions {

    private ColumnExpressions() {}

    /**
     * Why {@code expression} may not run as one column of a row, all reasons at once; empty when it may.
     *
     * @param spark whose parser reads the expression
     */
    public static List<String> refusals(SparkSession spark, String expression) {
        Expression parsed;
        try {
            parsed = spark.sessionState().sqlParser().parseExpression(expression);
        } catch (ParseException e) {
            return List.of("it is not one Spark SQL expression ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return List.copyOf(FunctionRules.refusalsOfColumnExpression(parsed));
    }
}
