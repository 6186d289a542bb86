package io.tidewater.billing.costs;

import java.util.List;
import java.util.Set;

/**
 * A report generation that feeds {@code billing.costs}, and how its columns map to FOCUS's: each mapping uses only the
 * columns the delivery has, so that a report without savings plans or tags still maps.
 */
public sealed interface CostSource permits LegacyCurCosts, Cur2Costs, FocusCosts {

    /** Legacy Cost and Usage Reports. */
    CostSource LEGACY_CUR = new LegacyCurCosts();

    /** CUR 2.0 Data Exports. */
    CostSource CUR2 = new Cur2Costs();

    /** FOCUS Data Exports. */
    CostSource FOCUS = new FocusCosts();

    /** Every source, for validating a precedence. */
    List<CostSource> ALL = List.of(LEGACY_CUR, CUR2, FOCUS);

    /** The source's value of {@code x_source}: {@code cur}, {@code cur2} or {@code focus}. */
    String name();

    /** The Spark SQL expression of each FOCUS column over the delivery's columns, in {@link CostColumn} order. */
    List<String> expressions(Set<String> columns);
}
