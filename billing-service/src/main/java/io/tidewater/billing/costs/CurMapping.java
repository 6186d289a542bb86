package io.tidewater.billing.costs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The FOCUS columns of a CUR line item, as the FinOps Foundation's FOCUS converters map AWS CUR: the billed cost is
 * the unblended cost; the effective cost amortises Savings Plans and Reserved Instances (covered usage at its effective
 * cost, the negations and upfront fees that the amortisation replaces at 0, a reservation's fee at its unused part);
 * the charge category comes from the line item type. Only the columns the delivery has are used: a branch whose
 * column is missing is left out, so its line items fall back to their unblended cost.
 */
final class CurMapping {

    private static final String LINE_ITEM_TYPE = "line_item_line_item_type";
    private static final String UNBLENDED = "line_item_unblended_cost";

    /** Line item types by the charge category they are; every other type is an adjustment. */
    private static final Map<String, List<String>> CHARGE_CATEGORIES = Map.of(
            "Usage", List.of("Usage", "DiscountedUsage", "SavingsPlanCoveredUsage"),
            "Purchase", List.of("Fee", "RIFee", "SavingsPlanUpfrontFee", "SavingsPlanRecurringFee"),
            "Tax", List.of("Tax"),
            "Credit",
                    List.of(
                            "Credit",
                            "Refund",
                            "Discount",
                            "BundledDiscount",
                            "EdpDiscount",
                            "PrivateRateDiscount",
                            "DistributorDiscount",
                            "SavingsPlanNegation"));

    private final Set<String> columns;

    CurMapping(Set<String> columns) {
        this.columns = columns;
    }

    /** The expressions in {@link CostColumn} order, with the two that differ between CUR generations given. */
    List<String> expressions(String serviceName, String tags) {
        List<String> expressions = new ArrayList<>();
        for (CostColumn column : CostColumn.values()) {
            expressions.add(
                    switch (column) {
                        case BILLING_ACCOUNT_ID -> first("bill_payer_account_id");
                        case SUB_ACCOUNT_ID -> first("line_item_usage_account_id");
                        case BILLED_COST -> first(UNBLENDED);
                        case EFFECTIVE_COST -> effectiveCost();
                        case LIST_COST -> first("pricing_public_on_demand_cost");
                        // Net of discounts where the report has them, as the converters' contracted cost is.
                        case CONTRACTED_COST -> first("line_item_net_unblended_cost", UNBLENDED);
                        case BILLING_CURRENCY -> first("line_item_currency_code");
                        case CHARGE_CATEGORY -> chargeCategory();
                        case CHARGE_DESCRIPTION -> first("line_item_line_item_description");
                        case CHARGE_PERIOD_START -> first("line_item_usage_start_date");
                        case CHARGE_PERIOD_END -> first("line_item_usage_end_date");
                        case SERVICE_NAME -> serviceName;
                        case REGION_ID -> first("product_region_code", "product_region");
                        case RESOURCE_ID -> first("line_item_resource_id");
                        case TAGS -> tags;
                    });
        }
        return expressions;
    }

    boolean has(String column) {
        return columns.contains(column);
    }

    /** The first of the columns the delivery has, or null. */
    String first(String... candidates) {
        List<String> present = new ArrayList<>();
        for (String candidate : candidates) {
            if (has(candidate)) {
                present.add(candidate);
            }
        }
        if (present.isEmpty()) {
            return "NULL";
        }
        return present.size() == 1 ? present.get(0) : "coalesce(" + String.join(", ", present) + ")";
    }

    private String effectiveCost() {
        if (!has(UNBLENDED)) {
            return "NULL";
        }
        if (!has(LINE_ITEM_TYPE)) {
            return UNBLENDED;
        }
        StringBuilder cases = new StringBuilder("CASE " + LINE_ITEM_TYPE);
        if (has("savings_plan_savings_plan_effective_cost")) {
            cases.append(" WHEN 'SavingsPlanCoveredUsage' THEN savings_plan_savings_plan_effective_cost");
        }
        if (has("reservation_effective_cost")) {
            cases.append(" WHEN 'DiscountedUsage' THEN reservation_effective_cost");
        }
        // Amortised into the covered usage: counting them too would count the commitment twice.
        cases.append(" WHEN 'SavingsPlanNegation' THEN 0 WHEN 'SavingsPlanUpfrontFee' THEN 0");
        if (has("savings_plan_total_commitment_to_date") && has("savings_plan_used_commitment")) {
            cases.append(" WHEN 'SavingsPlanRecurringFee' THEN"
                    + " savings_plan_total_commitment_to_date - savings_plan_used_commitment");
        }
        List<String> unusedFees = new ArrayList<>();
        for (String fee : List.of(
                "reservation_unused_amortized_upfront_fee_for_billing_period", "reservation_unused_recurring_fee")) {
            if (has(fee)) {
                unusedFees.add("coalesce(" + fee + ", 0)");
            }
        }
        if (!unusedFees.isEmpty()) {
            cases.append(" WHEN 'RIFee' THEN ").append(String.join(" + ", unusedFees));
        }
        return cases.append(" ELSE " + UNBLENDED + " END").toString();
    }

    private String chargeCategory() {
        if (!has(LINE_ITEM_TYPE)) {
            return "NULL";
        }
        String whens = CHARGE_CATEGORIES.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(category -> " WHEN %s IN (%s) THEN '%s'"
                        .formatted(
                                LINE_ITEM_TYPE,
                                category.getValue().stream()
                                        .map(type -> "'" + type + "'")
                                        .collect(Collectors.joining(", ")),
                                category.getKey()))
                .collect(Collectors.joining());
        return "CASE" + whens + " WHEN " + LINE_ITEM_TYPE + " IS NULL THEN NULL ELSE 'Adjustment' END";
    }
}
