package io.tidewater.billing.costs;

import io.tidewater.billing.config.BillingProperties;
import io.tidewater.contract.DerivedTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The derived table {@code billing.costs} of a billing load job: one FOCUS-shaped row per line item of whichever
 * generation the delivery is, with {@code x_source} and {@code x_report}; when one payer's month comes from two
 * generations, the first in the precedence counts and the other is shadowed.
 */
public final class BillingCosts {

    /** The source column, {@code cur}, {@code cur2} or {@code focus}. */
    public static final String SOURCE = "x_source";

    /** The report the row came from: the owner of the row, as {@code report} is in the source tables. */
    public static final String REPORT = "x_report";

    /** Two sources deliver the same thing when they bill the same payer. */
    public static final String KEY = CostColumn.BILLING_ACCOUNT_ID.column();

    private static final Set<String> MAP_COLUMNS = Set.of("product", "resource_tags", "tags");

    private BillingCosts() {}

    /**
     * @param table the cost table, such as {@code billing.costs}
     * @param source the delivery's generation
     * @param deliveryColumns the columns of the delivery's rows, constant columns included, with their Iceberg types
     * @param precedence the sources' names, first wins
     */
    public static DerivedTable of(
            String table, CostSource source, Map<String, String> deliveryColumns, List<String> precedence) {
        // A map column the delivery holds as JSON text cannot be read as a map.
        Set<String> columns = deliveryColumns.entrySet().stream()
                .filter(column -> !MAP_COLUMNS.contains(column.getKey().toLowerCase(Locale.ROOT))
                        || column.getValue().toLowerCase(Locale.ROOT).startsWith("map"))
                .map(column -> column.getKey().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        List<String> expressions = source.expressions(columns);
        List<DerivedTable.Column> derived = new ArrayList<>();
        CostColumn[] costColumns = CostColumn.values();
        for (int index = 0; index < costColumns.length; index++) {
            CostColumn column = costColumns[index];
            String expression = expressions.get(index);
            // A time the report writes in a form Spark does not read stays out of the cost table, not the line item.
            if (column.type().equals("timestamp") && !expression.equals("NULL")) {
                expression = "TRY_CAST(" + expression + " AS TIMESTAMP)";
            }
            derived.add(new DerivedTable.Column(column.column(), column.type(), expression));
        }
        return new DerivedTable(
                table, derived, REPORT, new DerivedTable.Precedence(SOURCE, source.name(), precedence, List.of(KEY)));
    }

    /** The generation whose rows a source table holds. */
    public static CostSource sourceOf(String table, BillingProperties.Tables tables) {
        if (table.equals(tables.focus())) {
            return CostSource.FOCUS;
        }
        return table.equals(tables.cur2()) ? CostSource.CUR2 : CostSource.LEGACY_CUR;
    }

    /**
     * The source a precedence names.
     *
     * @throws IllegalArgumentException naming the sources there are
     */
    public static CostSource source(String name) {
        return CostSource.ALL.stream()
                .filter(source -> source.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Cannot find cost source '%s': the sources are %s"
                        .formatted(
                                name,
                                CostSource.ALL.stream().map(CostSource::name).toList())));
    }
}
