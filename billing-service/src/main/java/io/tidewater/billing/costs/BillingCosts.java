package io.tidewater.billing.costs;

import io.tidewater.billing.config.BillingProperties;
import io.tidewater.contract.DerivedTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    private BillingCosts() {}

    /**
     * @param table the cost table, such as {@code billing.costs}
     * @param source the delivery's generation
     * @param deliveryColumns the names of the columns of the delivery's rows, constant columns included
     * @param precedence the sources' names, first wins
     */
    public static DerivedTable of(
            String table, CostSource source, List<String> deliveryColumns, List<String> precedence) {
        Set<String> columns = deliveryColumns.stream()
                .map(column -> column.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        List<String> expressions = source.expressions(columns);
        List<DerivedTable.Column> derived = new ArrayList<>();
        CostColumn[] costColumns = CostColumn.values();
        for (int index = 0; index < costColumns.length; index++) {
            derived.add(new DerivedTable.Column(
                    costColumns[index].column(), costColumns[index].type(), expressions.get(index)));
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
