package io.tidewater.loader.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.CurrentNamespace$;
import org.apache.spark.sql.catalyst.analysis.ExpressionWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.RelationTimeTravel;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedGenerator;
import org.apache.spark.sql.catalyst.analysis.UnresolvedHaving;
import org.apache.spark.sql.catalyst.analysis.UnresolvedInlineTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedSubqueryColumnAliases;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTVFAliases;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.PipeOperator;
import org.apache.spark.sql.catalyst.expressions.PlanExpression;
import org.apache.spark.sql.catalyst.expressions.TryReflect;
import org.apache.spark.sql.catalyst.expressions.UserDefinedExpression;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationRef;
import org.apache.spark.sql.catalyst.plans.logical.Deduplicate;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.Distinct;
import org.apache.spark.sql.catalyst.plans.logical.Except;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.Generate;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.Intersect;
import org.apache.spark.sql.catalyst.plans.logical.Join;
import org.apache.spark.sql.catalyst.plans.logical.LateralJoin;
import org.apache.spark.sql.catalyst.plans.logical.LocalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Offset;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.Pivot;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.Range;
import org.apache.spark.sql.catalyst.plans.logical.RebalancePartitions;
import org.apache.spark.sql.catalyst.plans.logical.Repartition;
import org.apache.spark.sql.catalyst.plans.logical.RepartitionByExpression;
import org.apache.spark.sql.catalyst.plans.logical.Sample;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.Sort;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.Tail;
import org.apache.spark.sql.catalyst.plans.logical.Union;
import org.apache.spark.sql.catalyst.plans.logical.Unpivot;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedHint;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.plans.logical.WithWindowDefinition;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.command.ShowNamespacesCommand;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.sources.DataSourceRegister;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Admits a statement only when it reads nothing but tables of the configured Iceberg catalogs: a query, EXPLAIN of a
 * query, or SHOW/DESCRIBE of those catalogs' tables and namespaces. The parsed plan is checked first, against allowlists
 * of query operators, relations and functions, because analysing a path relation already lists and reads its files;
 * the analysed plan is checked again, so that whatever resolution made of a name, every relation read is an Iceberg
 * table of a configured catalog and no expression calls into the JVM.
 */
final class CatalogTablesOnlyPolicy {

    /** The one table-valued function admitted: it generates numbers and reads nothing. */
    static final Set<String> TABLE_FUNCTIONS = Set.of("range");

    /** The operators Spark's parser produces for queries; a plan with any other node is not a query. */
    private static final Set<Class<?>> QUERY_OPERATORS = Set.of(
            Project.class,
            Filter.class,
            Aggregate.class,
            UnresolvedHaving.class,
            Join.class,
            LateralJoin.class,
            Sort.class,
            GlobalLimit.class,
            LocalLimit.class,
            Offset.class,
            Tail.class,
            Union.class,
            Intersect.class,
            Except.class,
            Distinct.class,
            Deduplicate.class,
            SubqueryAlias.class,
            UnresolvedSubqueryColumnAliases.class,
            UnresolvedWith.class,
            UnresolvedHint.class,
            Generate.class,
            Pivot.class,
            Unpivot.class,
            Sample.class,
            WithWindowDefinition.class,
            Repartition.class,
            RepartitionByExpression.class,
            RebalancePartitions.class,
            PipeOperator.class,
            UnresolvedTVFAliases.class);

    /** Leaves of a parsed query that read no table: {@code SELECT 1} and {@code VALUES}. */
    private static final Set<Class<?>> CONSTANT_RELATIONS =
            Set.of(OneRowRelation.class, LocalRelation.class, UnresolvedInlineTable.class);

    /** The commands admitted: they show the catalogs' tables and namespaces and change nothing. */
    private static final Set<Class<?>> READ_ONLY_COMMANDS = Set.of(
            ShowTables.class,
            ShowNamespacesCommand.class,
            ShowColumns.class,
            ShowTableProperties.class,
            ShowCreateTable.class,
            DescribeRelation.class,
            DescribeColumn.class,
            DescribeNamespace.class);

    /** Leaves of an analysed plan that read no table. */
    private static final Set<Class<?>> ANALYZED_CONSTANT_RELATIONS =
            Set.of(OneRowRelation.class, LocalRelation.class, Range.class, CTERelationRef.class);

    private static final String ADMITTED =
            "only queries, EXPLAIN of a query, and SHOW and DESCRIBE of tables and namespaces can run here";

    private final SparkSession spark;
    private final List<String> catalogs;
    private final Set<String> dataSources;

    CatalogTablesOnlyPolicy(SparkSession spark, Collection<String> catalogs) {
        this.spark = spark;
        this.catalogs = List.copyOf(catalogs);
        this.dataSources = dataSourceNames();
    }

    /**
     * Analyses the statement's plan, unless the parsed plan is refused already.
     *
     * @throws IllegalArgumentException "Cannot run query: ..." naming everything refused
     */
    void check(LogicalPlan parsed) {
        Set<String> refusals = new LinkedHashSet<>();
        LogicalPlan query = parsed;
        if (READ_ONLY_COMMANDS.contains(parsed.getClass())) {
            checkNamesOfCommand(parsed, refusals);
        } else if (parsed instanceof ExplainCommand explain) {
            query = explain.logicalPlan();
            checkQuery(query, refusals);
        } else {
            checkQuery(parsed, refusals);
        }
        requireNone(refusals);
        // Analysis only: SKIP keeps even an admitted command from running here.
        LogicalPlan analyzed = spark.sessionState()
                .executePlan(query, CommandExecutionMode.SKIP())
                .analyzed();
        checkAnalyzed(analyzed, refusals);
        requireNone(refusals);
    }

    private static void requireNone(Set<String> refusals) {
        if (!refusals.isEmpty()) {
            throw new IllegalArgumentException("Cannot run query: " + String.join("; ", refusals));
        }
    }

    private void checkNamesOfCommand(LogicalPlan command, Set<String> refusals) {
        for (LogicalPlan child : children(command)) {
            if (child instanceof UnresolvedTableOrView table) {
                checkName(list(table.multipartIdentifier()), refusals);
            } else if (child instanceof UnresolvedNamespace namespace) {
                checkName(list(namespace.multipartIdentifier()), refusals);
            } else if (!(child instanceof CurrentNamespace$)) {
                refusals.add("%s of a %s is not a table or namespace; %s"
                        .formatted(command.nodeName(), child.nodeName(), ADMITTED));
            }
        }
        for (Expression expression : list(command.expressions())) {
            checkExpression(expression, refusals);
        }
    }

    private void checkQuery(LogicalPlan plan, Set<String> refusals) {
        if (plan instanceof UnresolvedRelation relation) {
            checkName(list(relation.multipartIdentifier()), refusals);
        } else if (plan instanceof RelationTimeTravel timeTravel) {
            checkQuery(timeTravel.relation(), refusals);
        } else if (plan instanceof UnresolvedTableValuedFunction function) {
            String name = String.join(".", list(function.name())).toLowerCase(Locale.ROOT);
            if (!TABLE_FUNCTIONS.contains(name)) {
                refusals.add("table function %s is not one of %s".formatted(name, TABLE_FUNCTIONS));
            }
        } else if (!QUERY_OPERATORS.contains(plan.getClass()) && !CONSTANT_RELATIONS.contains(plan.getClass())) {
            refusals.add("%s is not a query; %s".formatted(plan.nodeName(), ADMITTED));
            return;
        }
        for (Expression expression : list(plan.expressions())) {
            checkExpression(expression, refusals);
        }
        for (LogicalPlan child : children(plan)) {
            checkQuery(child, refusals);
        }
    }

    private void checkExpression(Expression expression, Set<String> refusals) {
        if (expression instanceof UnresolvedFunction function) {
            FunctionRules.check(list(function.nameParts()), refusals);
        } else if (expression instanceof UnresolvedGenerator generator) {
            FunctionIdentifier name = generator.name();
            List<String> parts = new ArrayList<>(list(name.database().toList()));
            parts.add(name.funcName());
            FunctionRules.check(parts, refusals);
        } else if (expression instanceof ExpressionWithUnresolvedIdentifier) {
            refusals.add("IDENTIFIER(...) names a function only at analysis; name it directly");
        } else if (expression instanceof PlanExpression<?> subquery && subquery.plan() instanceof LogicalPlan plan) {
            checkQuery(plan, refusals);
        }
        for (Expression child : list(expression.children())) {
            checkExpression(child, refusals);
        }
    }

    /**
     * A name of one or two parts that starts with a data source ({@code text.`file:///etc/passwd`}) is a path Spark
     * would read; a name that starts with a catalog other than the configured ones is a table of that catalog.
     */
    private void checkName(List<String> parts, Set<String> refusals) {
        if (parts.size() < 2) {
            return;
        }
        String first = parts.get(0).toLowerCase(Locale.ROOT);
        if (parts.size() == 2 && (dataSources.contains(first) || first.contains("."))) {
            refusals.add("it reads the path %s; only tables of the catalogs %s can be read"
                    .formatted(parts.get(1), catalogs));
        } else if (foreignCatalogs().contains(first)) {
            refusals.add("it reads %s of catalog %s; only tables of the catalogs %s can be read"
                    .formatted(String.join(".", parts), first, catalogs));
        }
    }

    private void checkAnalyzed(LogicalPlan plan, Set<String> refusals) {
        List<LogicalPlan> children = children(plan);
        if (children.isEmpty() && !ANALYZED_CONSTANT_RELATIONS.contains(plan.getClass())) {
            checkLeaf(plan, refusals);
        }
        for (Expression expression : list(plan.expressions())) {
            checkAnalyzedExpression(expression, refusals);
        }
        for (LogicalPlan child : children) {
            checkAnalyzed(child, refusals);
        }
    }

    private void checkLeaf(LogicalPlan leaf, Set<String> refusals) {
        CatalogPlugin catalog = null;
        if (leaf instanceof DataSourceV2Relation relation && relation.catalog().isDefined()) {
            catalog = relation.catalog().get();
        } else if (leaf instanceof ResolvedTable table) {
            catalog = table.catalog();
        } else if (leaf instanceof ResolvedNamespace namespace) {
            catalog = namespace.catalog();
        }
        if (catalog != null && catalogs.contains(catalog.name())) {
            return;
        }
        if (leaf instanceof LogicalRelation relation && relation.relation() instanceof HadoopFsRelation files) {
            refusals.add("it reads the path %s; only tables of the catalogs %s can be read"
                    .formatted(
                            list(files.location().rootPaths()).stream()
                                    .map(String::valueOf)
                                    .collect(Collectors.joining(", ")),
                            catalogs));
        } else {
            refusals.add("it reads %s%s; only tables of the catalogs %s can be read"
                    .formatted(leaf.nodeName(), catalog == null ? "" : " of catalog " + catalog.name(), catalogs));
        }
    }

    private void checkAnalyzedExpression(Expression expression, Set<String> refusals) {
        if (expression instanceof CallMethodViaReflection || expression instanceof TryReflect) {
            refusals.add("function %s reaches the JVM".formatted(expression.prettyName()));
        } else if (expression instanceof UserDefinedExpression function) {
            refusals.add("function %s is user-defined code".formatted(function.name()));
        } else if (expression instanceof PlanExpression<?> subquery && subquery.plan() instanceof LogicalPlan plan) {
            checkAnalyzed(plan, refusals);
        }
        for (Expression child : list(expression.children())) {
            checkAnalyzedExpression(child, refusals);
        }
    }

    /** Catalogs registered in the session, Spark's own included, that are not among the configured ones. */
    private Set<String> foreignCatalogs() {
        Set<String> names = new TreeSet<>();
        names.add("spark_catalog");
        String prefix = "spark.sql.catalog.";
        CollectionConverters.asJava(spark.conf().getAll()).keySet().stream()
                .filter(key -> key.startsWith(prefix)
                        && !key.substring(prefix.length()).contains("."))
                .map(key -> key.substring(prefix.length()).toLowerCase(Locale.ROOT))
                .forEach(names::add);
        catalogs.forEach(catalog -> names.remove(catalog.toLowerCase(Locale.ROOT)));
        return names;
    }

    /** Children, and the plans a node holds beside them: CTE definitions, subqueries, lateral joins' right sides. */
    private static List<LogicalPlan> children(LogicalPlan plan) {
        List<LogicalPlan> children = new ArrayList<>(list(plan.children()));
        for (Object inner : list(plan.innerChildren())) {
            if (inner instanceof LogicalPlan innerPlan) {
                children.add(innerPlan);
            }
        }
        return children;
    }

    /** The short names data sources register ({@code csv}, {@code text}, {@code iceberg}, ...) and Spark's own. */
    private static Set<String> dataSourceNames() {
        Set<String> names = new TreeSet<>(
                Set.of("text", "csv", "json", "parquet", "orc", "avro", "xml", "binaryfile", "jdbc", "iceberg"));
        ServiceLoader.load(DataSourceRegister.class, CatalogTablesOnlyPolicy.class.getClassLoader()).stream()
                .forEach(provider -> {
                    try {
                        names.add(provider.get().shortName().toLowerCase(Locale.ROOT));
                    } catch (RuntimeException | ServiceConfigurationError unavailable) {
                        // A provider whose dependencies are missing cannot be read through either.
                    }
                });
        return names.stream().collect(Collectors.toUnmodifiableSet());
    }

    private static <T> List<T> list(scala.collection.Iterable<T> values) {
        return List.copyOf(CollectionConverters.asJavaCollection(values));
    }
}
