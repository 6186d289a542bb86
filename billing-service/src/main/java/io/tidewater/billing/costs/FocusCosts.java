package io.tidewater.billing.costs;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** FOCUS exports already have FOCUS's columns: each is taken as it is, null where the export lacks it. */
record FocusCosts() implements CostSource {

    @Override
    public String name() {
        return "focus";
    }

    @Override
    public List<String> expressions(Set<String> columns) {
        return Arrays.stream(CostColumn.values())
                .map(column -> columns.contains(column.column()) ? column.column() : "NULL")
                .toList();
    }
}
