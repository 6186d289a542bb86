package io.tidewater.billing.crawl;

import io.tidewater.billing.manifest.InvalidDeliveryException;
import io.tidewater.billing.manifest.ManifestColumn;
import io.tidewater.schema.naming.ColumnNames;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The FOCUS version of an export, from its columns: AWS's manifest names neither the table ({@code FOCUS_1_0_AWS},
 * {@code FOCUS_1_2_AWS}) nor the version, and the data files carry none.
 *
 * <p>The rule, from AWS's table dictionaries and its 1.0 to 1.2 migration page: a column only FOCUS 1.2 has (the 14 it
 * added, e.g. {@code InvoiceId}, {@code SkuMeter}, {@code SkuPriceDetails}) makes it {@value #V1_2}; a column only the
 * 1.0 table has ({@code x_UsageType}, now {@code SkuMeter}, and {@code x_CostCategories}, now in {@code Tags}) makes it
 * {@value #V1_0}; an export whose query selected neither kind is {@value #UNKNOWN}, as nothing in it tells; one with
 * both matches no AWS table and is refused.
 */
final class FocusVersion {

    static final String V1_0 = "1.0";
    static final String V1_2 = "1.2";
    static final String UNKNOWN = "unknown";

    /** The name of the constant column that records the version on each row. */
    static final String COLUMN = "x_focus_version";

    /** The FOCUS 1.2 columns the FOCUS 1.0 table lacks, by normalised name. */
    static final Set<String> ONLY_1_2 = Set.of(
            "billing_account_type",
            "capacity_reservation_id",
            "capacity_reservation_status",
            "commitment_discount_quantity",
            "commitment_discount_unit",
            "invoice_id",
            "pricing_currency",
            "pricing_currency_contracted_unit_price",
            "pricing_currency_effective_cost",
            "pricing_currency_list_unit_price",
            "service_subcategory",
            "sku_meter",
            "sku_price_details",
            "sub_account_type");

    /** The AWS columns of the FOCUS 1.0 table that FOCUS 1.2 moved, by normalised name. */
    static final Set<String> ONLY_1_0 = Set.of("x_usage_type", "x_cost_categories");

    private FocusVersion() {}

    /**
     * The version of a FOCUS delivery.
     *
     * @param fileColumns the columns of its data files (CSV header or Parquet footer)
     * @param declared the columns its manifest declares
     * @throws InvalidDeliveryException when it has columns only 1.0 has and columns only 1.2 has
     */
    static String of(String manifestUri, List<String> fileColumns, List<ManifestColumn> declared) {
        Set<String> names = new TreeSet<>();
        Stream.concat(fileColumns.stream(), declared.stream().map(ManifestColumn::sourceName))
                .map(ColumnNames::normalise)
                .forEach(names::add);
        Set<String> of12 = new TreeSet<>(names);
        of12.retainAll(ONLY_1_2);
        Set<String> of10 = new TreeSet<>(names);
        of10.retainAll(ONLY_1_0);
        if (!of12.isEmpty() && !of10.isEmpty()) {
            throw new InvalidDeliveryException(
                    "Cannot tell the FOCUS version of delivery %s: it has columns only FOCUS 1.0 has %s and columns only FOCUS 1.2 has %s"
                            .formatted(manifestUri, of10, of12));
        }
        if (!of12.isEmpty()) {
            return V1_2;
        }
        return of10.isEmpty() ? UNKNOWN : V1_0;
    }
}
