package io.tidewater.billing.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.billing.manifest.ManifestColumn;
import io.tidewater.contract.LoadColumn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The types of the Data Exports manifest's {@code columns} as Iceberg types, for FOCUS 1.2 and CUR 2.0 columns. */
class ExportManifestTypesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "string | string",
                "String | string",
                "double | double",
                "decimal(38,10) | double",
                "float | double",
                "bigint | long",
                "int | long",
                "timestamp | timestamptz",
                "timestamp_milliseconds | timestamptz",
                "date | date",
                "map<string,string> | map<string, string>",
                "map<string,double> | map<string, string>",
                "map <string, string> | map<string, string>",
                "boolean | string"
            })
    void manifestTypeMapsToAnIcebergType(String manifestType, String icebergType) {
        assertThat(DeliveryColumns.exportType(manifestType)).isEqualTo(icebergType);
    }

    @Test
    void focus12ColumnsGetTheTypesOfTheAwsDictionary() {
        Map<String, String> declared = new LinkedHashMap<>();
        declared.put("BilledCost", "double");
        declared.put("BillingPeriodStart", "timestamp_milliseconds");
        declared.put("CapacityReservationId", "string");
        declared.put("CommitmentDiscountQuantity", "double");
        declared.put("InvoiceId", "string");
        declared.put("PricingCurrencyEffectiveCost", "double");
        declared.put("SkuMeter", "string");
        declared.put("SkuPriceDetails", "map<string,string>");
        declared.put("Tags", "map<string,string>");
        declared.put("x_Discounts", "map<string,double>");

        Map<String, LoadColumn> columns = byName(dataExport(declared));

        assertThat(columns.get("billed_cost").type()).isEqualTo("double");
        assertThat(columns.get("billing_period_start").type()).isEqualTo("timestamptz");
        assertThat(columns.get("capacity_reservation_id").type()).isEqualTo("string");
        assertThat(columns.get("commitment_discount_quantity").type()).isEqualTo("double");
        assertThat(columns.get("invoice_id").type()).isEqualTo("string");
        assertThat(columns.get("pricing_currency_effective_cost").type()).isEqualTo("double");
        assertThat(columns.get("sku_meter").type()).isEqualTo("string");
        assertThat(columns.get("sku_price_details").type()).isEqualTo(DeliveryColumns.MAP);
        assertThat(columns.get("tags").type()).isEqualTo(DeliveryColumns.MAP);
        assertThat(columns.get("x_discounts").type()).isEqualTo(DeliveryColumns.MAP);
        assertThat(columns.get("sku_price_details").sourceName()).isEqualTo("SkuPriceDetails");
    }

    @Test
    void skuPriceDetailsIsAMapWhateverTheManifestCallsIt() {
        Map<String, LoadColumn> columns =
                byName(dataExport(Map.of("SkuPriceDetails", "string", "BilledCost", "double")));

        assertThat(columns.get("sku_price_details").type()).isEqualTo(DeliveryColumns.MAP);
    }

    @Test
    void cur2OptionalConfigurationColumnsGetTheManifestsTypes() {
        Map<String, String> declared = new LinkedHashMap<>();
        declared.put("line_item_resource_id", "string");
        declared.put("split_line_item_parent_resource_id", "string");
        declared.put("split_line_item_split_cost", "double");
        declared.put("split_line_item_split_usage_ratio", "double");
        declared.put("capacity_reservation_capacity_reservation_arn", "string");
        declared.put("line_item_iam_principal", "string");
        declared.put("cost_analytics_billed_rate", "double");
        declared.put("discount", "map<string,double>");

        Map<String, LoadColumn> columns = byName(dataExport(declared));

        assertThat(columns)
                .extractingFromEntries(
                        entry -> entry.getKey() + " " + entry.getValue().type())
                .containsExactlyInAnyOrder(
                        "line_item_resource_id string",
                        "split_line_item_parent_resource_id string",
                        "split_line_item_split_cost double",
                        "split_line_item_split_usage_ratio double",
                        "capacity_reservation_capacity_reservation_arn string",
                        "line_item_iam_principal string",
                        "cost_analytics_billed_rate double",
                        "discount map<string, string>");
    }

    private static List<LoadColumn> dataExport(Map<String, String> declared) {
        List<String> header = List.copyOf(declared.keySet());
        List<ManifestColumn> manifest = declared.entrySet().stream()
                .map(entry -> new ManifestColumn(entry.getKey(), entry.getValue()))
                .toList();
        return DeliveryColumns.dataExport(header, manifest, Map.of());
    }

    private static Map<String, LoadColumn> byName(List<LoadColumn> columns) {
        return columns.stream().collect(Collectors.toMap(LoadColumn::name, Function.identity()));
    }
}
