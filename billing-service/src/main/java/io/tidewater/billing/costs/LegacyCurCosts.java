package io.tidewater.billing.costs;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Legacy CUR, with Athena-style column names: the service is the product name, else the product code; the tags are the
 * {@code resource_tags_user_*} columns, keyed as CUR 2.0 keys its {@code resource_tags} map ({@code user_<tag>}).
 */
record LegacyCurCosts() implements CostSource {

    private static final String TAG_PREFIX = "resource_tags_";

    @Override
    public String name() {
        return "cur";
    }

    @Override
    public List<String> expressions(Set<String> columns) {
        CurMapping mapping = new CurMapping(columns);
        return mapping.expressions(mapping.first("product_product_name", "line_item_product_code"), tags(columns));
    }

    private static String tags(Set<String> columns) {
        List<String> tagColumns = columns.stream()
                .filter(column -> column.startsWith(TAG_PREFIX + "user_"))
                .sorted()
                .toList();
        if (tagColumns.isEmpty()) {
            return "NULL";
        }
        String entries = tagColumns.stream()
                .map(column -> "'%s', CAST(%s AS STRING)".formatted(column.substring(TAG_PREFIX.length()), column))
                .collect(Collectors.joining(", "));
        // A line item has a value for few of the report's tags: the others are not its tags.
        return "map_filter(map(" + entries + "), (k, v) -> v IS NOT NULL AND v <> '')";
    }
}
