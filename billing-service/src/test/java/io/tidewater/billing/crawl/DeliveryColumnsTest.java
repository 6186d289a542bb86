package io.tidewater.billing.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.billing.manifest.ManifestColumn;
import io.tidewater.contract.LoadColumn;
import io.tidewater.schema.types.TypeStrings;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class DeliveryColumnsTest {

    private static List<ManifestColumn> manifestColumns(String sample) throws IOException {
        try (InputStream in = DeliveryColumnsTest.class.getResourceAsStream("/samples/ice-cur-manifests/" + sample)) {
            JsonNode manifest = new ObjectMapper().readTree(in);
            List<ManifestColumn> columns = new ArrayList<>();
            for (JsonNode column : manifest.path("columns")) {
                columns.add(new ManifestColumn(
                        column.path("category").asText() + "/"
                                + column.path("name").asText(),
                        column.path("type").isTextual() ? column.path("type").asText() : null));
            }
            return columns;
        }
    }

    private static Map<String, LoadColumn> byName(List<LoadColumn> columns) {
        return columns.stream().collect(Collectors.toMap(LoadColumn::name, Function.identity()));
    }

    @Test
    void typedManifestColumnsGetAthenaNamesAndIcebergTypes() throws IOException {
        List<ManifestColumn> declared = manifestColumns("manifest-2019-12.json");
        List<String> header = declared.stream().map(ManifestColumn::sourceName).toList();

        Map<String, LoadColumn> columns = byName(DeliveryColumns.legacyCur(header, declared, Map.of()));

        assertThat(columns).hasSize(275);
        assertThat(columns.get("line_item_unblended_cost").type()).isEqualTo("decimal(38,10)");
        assertThat(columns.get("line_item_unblended_cost").sourceName()).isEqualTo("lineItem/UnblendedCost");
        assertThat(columns.get("line_item_usage_start_date").type()).isEqualTo("timestamptz");
        assertThat(columns.get("identity_time_interval").type()).isEqualTo("string");
        assertThat(columns.get("line_item_unblended_rate").type())
                .as("AWS types rates as String")
                .isEqualTo("string");
        assertThat(columns.get("savings_plan_savings_plan_a_r_n").type()).isEqualTo("string");
        assertThat(columns.get("savings_plan_savings_plan_effective_cost").type())
                .isEqualTo("decimal(38,10)");
    }

    @Test
    void untypedManifestColumnsGetTheTypesAwsGivesThemInTypedManifests() throws IOException {
        List<ManifestColumn> typed = manifestColumns("manifest-2019-12.json");
        List<ManifestColumn> untyped = manifestColumns("manifest-2018-01.json");
        List<String> header = untyped.stream().map(ManifestColumn::sourceName).toList();
        Map<String, LoadColumn> typedColumns = byName(DeliveryColumns.legacyCur(
                typed.stream().map(ManifestColumn::sourceName).toList(), typed, Map.of()));

        List<LoadColumn> columns = DeliveryColumns.legacyCur(header, untyped, Map.of());

        assertThat(untyped).allSatisfy(column -> assertThat(column.type()).isNull());
        assertThat(columns)
                .filteredOn(column -> typedColumns.containsKey(column.name()))
                .allSatisfy(column -> assertThat(column.type())
                        .as(column.name())
                        .isEqualTo(typedColumns.get(column.name()).type()));
    }

    @Test
    void legacyManifestTypesMapToIcebergPrimitiveTypes() {
        assertThat(DeliveryColumns.legacyType("BigDecimal")).isEqualTo("decimal(38,10)");
        assertThat(DeliveryColumns.legacyType("OptionalBigDecimal")).isEqualTo("decimal(38,10)");
        assertThat(DeliveryColumns.legacyType("DateTime")).isEqualTo("timestamptz");
        assertThat(DeliveryColumns.legacyType("Interval")).isEqualTo("string");
        assertThat(DeliveryColumns.legacyType("OptionalString")).isEqualTo("string");
    }

    @Test
    void dataExportColumnsKeepIdsAsTextAndTypeMapsAsIcebergMapsOfStrings() {
        List<ManifestColumn> declared = List.of(
                new ManifestColumn("line_item_usage_account_id", "string"),
                new ManifestColumn("line_item_unblended_cost", "double"),
                new ManifestColumn("line_item_usage_start_date", "timestamp"),
                new ManifestColumn("resource_tags", "map<string,string>"),
                new ManifestColumn("discount", "map<string,double>"),
                new ManifestColumn("split_line_item_labels", "MAP"));

        List<LoadColumn> columns = DeliveryColumns.dataExport(
                declared.stream().map(ManifestColumn::sourceName).toList(), declared, Map.of());

        assertThat(columns)
                .extracting(LoadColumn::name, LoadColumn::type)
                .containsExactly(
                        tuple("line_item_usage_account_id", "string"),
                        tuple("line_item_unblended_cost", "double"),
                        tuple("line_item_usage_start_date", "timestamptz"),
                        tuple("resource_tags", "map<string, string>"),
                        tuple("discount", "map<string, string>"),
                        tuple("split_line_item_labels", "map<string, string>"));
    }

    @Test
    void cur2MapColumnsAreMapsWhenTheManifestTypesNothing() {
        List<String> header = List.of(
                "identity_line_item_id",
                "product",
                "product_region_code",
                "resource_tags",
                "cost_category",
                "discount",
                "discount_total_discount");

        List<LoadColumn> columns = DeliveryColumns.dataExport(header, List.of(), Map.of());

        assertThat(columns)
                .extracting(LoadColumn::name, LoadColumn::type)
                .containsExactly(
                        tuple("identity_line_item_id", "string"),
                        tuple("product", "map<string, string>"),
                        tuple("product_region_code", "string"),
                        tuple("resource_tags", "map<string, string>"),
                        tuple("cost_category", "map<string, string>"),
                        tuple("discount", "map<string, string>"),
                        tuple("discount_total_discount", "string"));
    }

    @Test
    void focusMapColumnsAreMapsUnderTheirNormalisedNames() {
        List<String> header = List.of("BilledCost", "Tags", "SkuPriceDetails", "x_CostCategories", "x_Discounts");

        List<LoadColumn> columns =
                DeliveryColumns.dataExport(header, List.of(new ManifestColumn("BilledCost", "double")), Map.of());

        assertThat(columns)
                .extracting(LoadColumn::name, LoadColumn::sourceName, LoadColumn::type)
                .containsExactly(
                        tuple("billed_cost", "BilledCost", "double"),
                        tuple("tags", "Tags", "map<string, string>"),
                        tuple("sku_price_details", "SkuPriceDetails", "map<string, string>"),
                        tuple("x_cost_categories", "x_CostCategories", "map<string, string>"),
                        tuple("x_discounts", "x_Discounts", "map<string, string>"));
    }

    @Test
    void mapTypeIsAnIcebergTypeString() {
        assertThat(TypeStrings.parse(DeliveryColumns.MAP))
                .isEqualTo(Types.MapType.ofOptional(1, 2, Types.StringType.get(), Types.StringType.get()));
        assertThat(TypeStrings.format(TypeStrings.parse(DeliveryColumns.MAP))).isEqualTo(DeliveryColumns.MAP);
    }

    @Test
    void parquetFooterMapsAreMapsInDataExportsAndTextInLegacyReports() {
        Types.MapType footerMap = Types.MapType.ofOptional(3, 4, Types.StringType.get(), Types.DoubleType.get());

        assertThat(DeliveryColumns.parquet(footerMap, false)).isEqualTo("map<string, string>");
        assertThat(DeliveryColumns.parquet(footerMap, true)).isEqualTo("string");
        assertThat(DeliveryColumns.parquet(Types.DoubleType.get(), false)).isEqualTo("double");
        assertThat(DeliveryColumns.parquet(Types.DoubleType.get(), true)).isEqualTo("decimal(38,10)");
        assertThat(DeliveryColumns.parquet(Types.TimestampType.withoutZone(), false))
                .isEqualTo("timestamptz");
    }

    @Test
    void focusColumnsAreNormalisedToSnakeCase() {
        List<LoadColumn> columns = DeliveryColumns.dataExport(
                List.of("BilledCost", "SubAccountId", "x_CostCategories"),
                List.of(new ManifestColumn("BilledCost", "double")),
                Map.of());

        assertThat(columns)
                .extracting(LoadColumn::name)
                .containsExactly("billed_cost", "sub_account_id", "x_cost_categories");
    }
}
