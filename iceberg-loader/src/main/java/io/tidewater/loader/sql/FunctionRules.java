package io.tidewater.loader.sql;

import static java.util.Map.entry;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.ExpressionWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry$;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedGenerator;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.PlanExpression;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Which functions SQL from outside may call, in an admin query ({@link CatalogTablesOnlyPolicy}) or in a load job's
 * derived column ({@link ColumnExpressions}): Spark's built-ins that compute over their arguments, none that reach the
 * JVM or the host.
 */
final class FunctionRules {

    /**
     * Functions of Spark's built-in registry that reach past the catalog's tables, with what they reach. Every other
     * built-in only computes over its arguments ({@code input_file_name} names the table's own data file).
     */
    static final Map<String, String> REACHING_FUNCTIONS = Map.ofEntries(
            entry("reflect", "reaches the JVM"),
            entry("java_method", "reaches the JVM"),
            entry("try_reflect", "reaches the JVM"),
            entry("from_protobuf", "reads a descriptor file on the host"),
            entry("to_protobuf", "reads a descriptor file on the host"),
            entry("from_avro", "reads a schema from a URL (avroSchemaUrl)"),
            entry("to_avro", "reads a schema from a URL (avroSchemaUrl)"),
            entry("schema_of_avro", "reads a schema from a URL (avroSchemaUrl)"),
            entry("from_xml", "reads an XSD file on the host (rowValidationXSDPath)"),
            entry("schema_of_xml", "reads an XSD file on the host (rowValidationXSDPath)"),
            entry("xpath", "parses XML, whose external entities may name host files"),
            entry("xpath_boolean", "parses XML, whose external entities may name host files"),
            entry("xpath_double", "parses XML, whose external entities may name host files"),
            entry("xpath_float", "parses XML, whose external entities may name host files"),
            entry("xpath_int", "parses XML, whose external entities may name host files"),
            entry("xpath_long", "parses XML, whose external entities may name host files"),
            entry("xpath_number", "parses XML, whose external entities may name host files"),
            entry("xpath_short", "parses XML, whose external entities may name host files"),
            entry("xpath_string", "parses XML, whose external entities may name host files"));

    /** Functions that turn one row into several; a column expression keeps one row per row. */
    private static final Set<String> GENERATORS = Set.of(
            "explode",
            "explode_outer",
            "posexplode",
            "posexplode_outer",
            "inline",
            "inline_outer",
            "stack",
            "json_tuple");

    /**
     * Why a parsed column expression is refused, if it is: it may call only Spark's built-in functions that compute
     * over their arguments (the same function rules as a query, {@link #check}), and it may neither read a table nor multiply rows.
     */
    static Set<String> refusalsOfColumnExpression(Expression expression) {
        Set<String> refusals = new LinkedHashSet<>();
        checkColumnExpression(expression, refusals);
        return refusals;
    }

    private static void checkColumnExpression(Expression expression, Set<String> refusals) {
        if (expression instanceof UnresolvedFunction function) {
            List<String> parts = list(function.nameParts());
            check(parts, refusals);
            if (GENERATORS.contains(parts.get(parts.size() - 1).toLowerCase(Locale.ROOT))) {
                refusals.add("function %s makes several rows of one".formatted(String.join(".", parts)));
            }
        } else if (expression instanceof UnresolvedGenerator generator) {
            refusals.add("function %s makes several rows of one".formatted(generator.name()));
        } else if (expression instanceof ExpressionWithUnresolvedIdentifier) {
            refusals.add("IDENTIFIER(...) names a function only at analysis; name it directly");
        } else if (expression instanceof PlanExpression<?>) {
            refusals.add("a subquery reads other tables");
        }
        for (Expression child : list(expression.children())) {
            checkColumnExpression(child, refusals);
        }
    }

    static void check(List<String> nameParts, Set<String> refusals) {
        List<String> parts =
                nameParts.stream().map(part -> part.toLowerCase(Locale.ROOT)).toList();
        String name = parts.get(parts.size() - 1);
        List<String> qualifier = parts.subList(0, parts.size() - 1);
        String reach = REACHING_FUNCTIONS.get(name);
        if (reach != null) {
            refusals.add("function %s %s".formatted(name, reach));
        } else if (!(qualifier.isEmpty()
                        || qualifier.equals(List.of("builtin"))
                        || qualifier.equals(List.of("system", "builtin")))
                || !FunctionRegistry$.MODULE$.builtin().functionExists(FunctionIdentifier.apply(name))) {
            refusals.add("function %s is not one of Spark's built-in functions".formatted(String.join(".", parts)));
        }
    }

    private static <T> List<T> list(scala.collection.Iterable<T> values) {
        return List.copyOf(CollectionConverters.asJavaCollection(values));
    }

    private FunctionRules() {}
}
