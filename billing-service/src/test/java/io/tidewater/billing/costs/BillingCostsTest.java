package io.tidewater.billing.costs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.contract.DerivedTable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BillingCostsTest {

    private static final List<String> PRECEDENCE = List.of("focus", "cur2", "cur");

    @Test
    void legacyCurAmortisesSavingsPlansAndReservationsIntoTheEffectiveCost() {
        Map<String, String> expressions = expressions(
                CostSource.LEGACY_CUR,
                "bill_payer_account_id",
                "line_item_unblended_cost",
                "line_item_line_item_type",
                "savings_plan_savings_plan_effective_cost",
                "reservation_effective_cost",
                "reservation_unused_recurring_fee");

        assertThat(expressions.get("billed_cost")).isEqualTo("line_item_unblended_cost");
        assertThat(expressions.get("billing_account_id")).isEqualTo("bill_payer_account_id");
        assertThat(expressions.get("effective_cost"))
                .isEqualTo("CASE line_item_line_item_type"
                        + " WHEN 'SavingsPlanCoveredUsage' THEN savings_plan_savings_plan_effective_cost"
                        + " WHEN 'DiscountedUsage' THEN reservation_effective_cost"
                        + " WHEN 'SavingsPlanNegation' THEN 0 WHEN 'SavingsPlanUpfrontFee' THEN 0"
                        + " WHEN 'RIFee' THEN coalesce(reservation_unused_recurring_fee, 0)"
                        + " ELSE line_item_unblended_cost END");
        assertThat(expressions.get("charge_category"))
                .contains("WHEN line_item_line_item_type IN ('Tax') THEN 'Tax'")
                .contains("'SavingsPlanNegation') THEN 'Credit'")
                .endsWith("ELSE 'Adjustment' END");
    }

    @Test
    void legacyCurWithoutSavingsPlanColumnsFallsBackToTheUnblendedCost() {
        Map<String, String> expressions =
                expressions(CostSource.LEGACY_CUR, "line_item_unblended_cost", "line_item_line_item_type");

        assertThat(expressions.get("effective_cost"))
                .isEqualTo("CASE line_item_line_item_type WHEN 'SavingsPlanNegation' THEN 0"
                        + " WHEN 'SavingsPlanUpfrontFee' THEN 0 ELSE line_item_unblended_cost END");
        assertThat(expressions.get("list_cost")).isEqualTo("NULL");
        assertThat(expressions.get("tags")).isEqualTo("NULL");
    }

    @Test
    void legacyCurTagColumnsBecomeTheTagsMapKeyedAsCur2KeysThem() {
        Map<String, String> expressions = expressions(
                CostSource.LEGACY_CUR, "resource_tags_user_team", "resource_tags_user_env", "line_item_product_code");

        assertThat(expressions.get("tags"))
                .isEqualTo("map_filter(map('user_env', CAST(resource_tags_user_env AS STRING), 'user_team',"
                        + " CAST(resource_tags_user_team AS STRING)), (k, v) -> v IS NOT NULL AND v <> '')");
        assertThat(expressions.get("service_name")).isEqualTo("line_item_product_code");
    }

    @Test
    void cur2TakesTheServiceFromItsProductMapAndTagsFromItsResourceTags() {
        Map<String, String> expressions =
                expressions(CostSource.CUR2, "product", "resource_tags", "line_item_product_code");

        assertThat(expressions.get("service_name"))
                .isEqualTo("coalesce(NULL, product['product_name'], line_item_product_code)");
        assertThat(expressions.get("tags")).isEqualTo("resource_tags");
    }

    @Test
    void focusColumnsAreTakenAsTheyAre() {
        Map<String, String> expressions = expressions(CostSource.FOCUS, "billed_cost", "Charge_Category", "tags");

        assertThat(expressions.get("billed_cost")).isEqualTo("billed_cost");
        assertThat(expressions.get("charge_category")).isEqualTo("charge_category");
        assertThat(expressions.get("effective_cost")).isEqualTo("NULL");
    }

    @Test
    void everySourceRanksByThePrecedenceAndOwnsItsRowsByReport() {
        DerivedTable costs =
                BillingCosts.of("billing.costs", CostSource.CUR2, Map.of("billed_cost", "double"), PRECEDENCE);

        assertThat(costs.ownerColumn()).isEqualTo("x_report");
        assertThat(costs.precedence())
                .isEqualTo(new DerivedTable.Precedence("x_source", "cur2", PRECEDENCE, List.of("billing_account_id")));
        assertThat(costs.columns())
                .extracting(DerivedTable.Column::name)
                .startsWith("billing_account_id", "sub_account_id", "billed_cost", "effective_cost", "list_cost");
    }

    @Test
    void refusesAnUnknownSourceNamingTheKnownOnes() {
        assertThatThrownBy(() -> BillingCosts.source("cur3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot find cost source 'cur3': the sources are [cur, cur2, focus]");
    }

    @Test
    void readsTimesThatDoNotParseAsNullAndAMapHeldAsTextNotAsAMap() {
        Map<String, String> expressions = BillingCosts.of(
                        "billing.costs",
                        CostSource.CUR2,
                        Map.of("line_item_usage_start_date", "string", "resource_tags", "string"),
                        PRECEDENCE)
                .columns()
                .stream()
                .collect(Collectors.toMap(DerivedTable.Column::name, DerivedTable.Column::expression));

        assertThat(expressions.get("charge_period_start"))
                .isEqualTo("TRY_CAST(line_item_usage_start_date AS TIMESTAMP)");
        assertThat(expressions.get("tags")).isEqualTo("NULL");
    }

    private static Map<String, String> expressions(CostSource source, String... columns) {
        Map<String, String> typed = Arrays.stream(columns)
                .collect(Collectors.toMap(
                        column -> column,
                        column -> List.of("product", "resource_tags", "tags").contains(column.toLowerCase(Locale.ROOT))
                                ? "map<string,string>"
                                : "string"));
        return BillingCosts.of("billing.costs", source, typed, PRECEDENCE).columns().stream()
                .collect(Collectors.toMap(DerivedTable.Column::name, DerivedTable.Column::expression));
    }
}
