package io.tidewater.billing.costs;

import java.util.List;
import java.util.Set;

/**
 * CUR 2.0, with the legacy names plus maps: the product name may be in the {@code product} map, the tags are the
 * {@code resource_tags} map.
 */
record Cur2Costs() implements CostSource {

    @Override
    public String name() {
        return "cur2";
    }

    @Override
    public List<String> expressions(Set<String> columns) {
        CurMapping mapping = new CurMapping(columns);
        String serviceName = mapping.has("product")
                ? "coalesce(%s, product['product_name'], %s)"
                        .formatted(mapping.first("product_product_name"), mapping.first("line_item_product_code"))
                : mapping.first("product_product_name", "line_item_product_code");
        return mapping.expressions(serviceName, mapping.has("resource_tags") ? "resource_tags" : "NULL");
    }
}
