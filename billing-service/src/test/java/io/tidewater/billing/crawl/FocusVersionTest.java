package io.tidewater.billing.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.billing.manifest.InvalidDeliveryException;
import io.tidewater.billing.manifest.ManifestColumn;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FocusVersionTest {

    private static final String MANIFEST =
            "s3://billing/exports/focus/metadata/BILLING_PERIOD=2025-11/focus-Manifest.json";

    /** The columns both FOCUS tables of AWS have, in the order of the 1.2 table dictionary. */
    private static final List<String> SHARED = List.of(
            "AvailabilityZone",
            "BilledCost",
            "BillingAccountId",
            "BillingCurrency",
            "ChargeCategory",
            "ChargePeriodStart",
            "EffectiveCost",
            "ServiceName",
            "SubAccountId",
            "Tags",
            "x_Discounts",
            "x_Operation",
            "x_ServiceCode");

    private static List<String> with(String... more) {
        return java.util.stream.Stream.concat(SHARED.stream(), java.util.stream.Stream.of(more))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "BillingAccountType",
                "CapacityReservationId",
                "CapacityReservationStatus",
                "CommitmentDiscountQuantity",
                "CommitmentDiscountUnit",
                "InvoiceId",
                "PricingCurrency",
                "PricingCurrencyContractedUnitPrice",
                "PricingCurrencyEffectiveCost",
                "PricingCurrencyListUnitPrice",
                "ServiceSubcategory",
                "SkuMeter",
                "SkuPriceDetails",
                "SubAccountType"
            })
    void anyColumnFocus12AddedMakesTheExportFocus12(String added) {
        assertThat(FocusVersion.of(MANIFEST, with(added), List.of())).isEqualTo("1.2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x_UsageType", "x_CostCategories"})
    void anyColumnFocus12MovedMakesTheExportFocus10(String moved) {
        assertThat(FocusVersion.of(MANIFEST, with(moved), List.of())).isEqualTo("1.0");
    }

    @Test
    void theOnlyColumnsOfOneVersionCoverEveryColumnAwsAddedOrMoved() {
        assertThat(FocusVersion.ONLY_1_2).hasSize(14);
        assertThat(FocusVersion.ONLY_1_0).hasSize(2);
    }

    @Test
    void manifestColumnsCountLikeFileColumns() {
        assertThat(FocusVersion.of(MANIFEST, SHARED, List.of(new ManifestColumn("SkuMeter", "string"))))
                .isEqualTo("1.2");
        assertThat(FocusVersion.of(MANIFEST, List.of(), List.of(new ManifestColumn("x_UsageType", "string"))))
                .isEqualTo("1.0");
    }

    @Test
    void exportOfOnlyTheColumnsBothVersionsShareIsUnknown() {
        assertThat(FocusVersion.of(MANIFEST, SHARED, List.of())).isEqualTo("unknown");
    }

    @Test
    void columnsOfBothVersionsMatchNoAwsTableAndAreRefused() {
        assertThatThrownBy(() -> FocusVersion.of(MANIFEST, with("SkuMeter", "x_UsageType", "InvoiceId"), List.of()))
                .isInstanceOf(InvalidDeliveryException.class)
                .hasMessage("Cannot tell the FOCUS version of delivery " + MANIFEST
                        + ": it has columns only FOCUS 1.0 has [x_usage_type] and columns only FOCUS 1.2 has "
                        + "[invoice_id, sku_meter]");
    }
}
