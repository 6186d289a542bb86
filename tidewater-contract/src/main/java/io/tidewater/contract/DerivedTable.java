package io.tidewater.contract;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A second table a load job keeps in step with its own: after the job's rows are published, the loader reads the rows
 * the job's table now holds for the job's replace scope (its partition value and owner), computes the derived columns
 * from them and replaces the owner's rows of that partition in the derived table, in one commit of its own under the
 * key {@code <idempotency key>#<table>}. A redelivery of a job whose own rows are published writes the derived table
 * only if that key is not published yet, so a crash between the two commits heals on redelivery.
 *
 * <p>Besides its columns, every derived row carries the job's partition column with the job's partition value, the
 * owner column with the job's owner and, with a precedence, the precedence's source column with the job's source. The
 * table is partitioned by identity on the partition column, the source column, the key columns and the owner column,
 * in that order, so that the precedence is decided from partition metadata alone.
 *
 * @param table the derived table, {@code namespace.name}
 * @param columns the derived columns, in table order
 * @param ownerColumn the column that holds the job's owner in the derived table, such as {@code x_report}
 * @param precedence which source wins when sources overlap; {@code null} when every source's rows are kept
 */
public record DerivedTable(String table, List<Column> columns, String ownerColumn, Precedence precedence) {

    public DerivedTable {
        requireNonNull(table, "table is null");
        requireNonNull(ownerColumn, "ownerColumn is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        List<String> problems = new ArrayList<>();
        if (columns.isEmpty()) {
            problems.add("no columns");
        }
        Set<String> names = new HashSet<>();
        names.add(ownerColumn.toLowerCase(Locale.ROOT));
        if (precedence != null && !names.add(precedence.sourceColumn().toLowerCase(Locale.ROOT))) {
            problems.add("the source column " + precedence.sourceColumn() + " is the owner column");
        }
        for (Column column : columns) {
            if (!names.add(column.name().toLowerCase(Locale.ROOT))) {
                problems.add("column " + column.name() + " is named twice or is the owner or source column");
            }
        }
        if (precedence != null) {
            for (String key : precedence.keyColumns()) {
                if (columns.stream().noneMatch(column -> column.name().equalsIgnoreCase(key))) {
                    problems.add("key column " + key + " is not one of its columns");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "Cannot derive table %s: %s".formatted(table, String.join("; ", problems)));
        }
    }

    /**
     * One column of a derived table.
     *
     * @param name the column's name
     * @param type the Spark SQL type the value is cast to, such as {@code decimal(38,10)} or {@code map<string,string>}
     * @param expression a Spark SQL expression over the job table's columns; only Spark's built-in functions that
     *     compute over their arguments are admitted (no {@code reflect}, no subqueries, no user-defined functions)
     */
    public record Column(String name, String type, String expression) {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(expression, "expression is null");
            if (name.isBlank() || expression.isBlank()) {
                throw new IllegalArgumentException(
                        "Cannot derive column '%s' as '%s': blank name or expression".formatted(name, expression));
            }
        }
    }

    /**
     * Which source's rows count when two sources deliver the same key of a partition (the same payer's month as CUR
     * and as FOCUS): the rows of the source first in {@code order} stay in the table, those of any later source are
     * left out or removed, in the commit that brings the winner, and reported as shadowed. Sources that are the same
     * keep their rows side by side.
     *
     * @param sourceColumn the column that holds the source, such as {@code x_source}
     * @param source the source of the job's rows; one of {@code order}
     * @param order the sources, first wins
     * @param keyColumns the derived columns whose values identify what two sources may both deliver, such as
     *     {@code billing_account_id}
     */
    public record Precedence(String sourceColumn, String source, List<String> order, List<String> keyColumns) {
        public Precedence {
            requireNonNull(sourceColumn, "sourceColumn is null");
            requireNonNull(source, "source is null");
            order = List.copyOf(requireNonNull(order, "order is null"));
            keyColumns = List.copyOf(requireNonNull(keyColumns, "keyColumns is null"));
            if (!order.contains(source)) {
                throw new IllegalArgumentException(
                        "Cannot rank source %s: it is not one of %s".formatted(source, order));
            }
            if (keyColumns.isEmpty()) {
                throw new IllegalArgumentException(
                        "Cannot rank sources %s by %s: no key columns".formatted(order, sourceColumn));
            }
        }

        /** The position of {@code other} in the order; sources not in it rank after every listed one. */
        public int rank(String other) {
            int position = order.indexOf(other);
            return position < 0 ? order.size() : position;
        }
    }
}
