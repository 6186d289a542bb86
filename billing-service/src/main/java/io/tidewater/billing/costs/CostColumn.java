package io.tidewater.billing.costs;

/**
 * The columns of {@code billing.costs}: FOCUS's, snake_case as {@code billing.focus} names them. Costs are decimals,
 * as FOCUS defines them.
 */
enum CostColumn {
    BILLING_ACCOUNT_ID("billing_account_id", "string"),
    SUB_ACCOUNT_ID("sub_account_id", "string"),
    BILLED_COST("billed_cost", CostColumn.DECIMAL),
    EFFECTIVE_COST("effective_cost", CostColumn.DECIMAL),
    LIST_COST("list_cost", CostColumn.DECIMAL),
    CONTRACTED_COST("contracted_cost", CostColumn.DECIMAL),
    BILLING_CURRENCY("billing_currency", "string"),
    CHARGE_CATEGORY("charge_category", "string"),
    CHARGE_DESCRIPTION("charge_description", "string"),
    CHARGE_PERIOD_START("charge_period_start", "timestamp"),
    CHARGE_PERIOD_END("charge_period_end", "timestamp"),
    SERVICE_NAME("service_name", "string"),
    REGION_ID("region_id", "string"),
    RESOURCE_ID("resource_id", "string"),
    TAGS("tags", "map<string,string>");

    private static final String DECIMAL = "decimal(38,10)";

    private final String column;
    private final String type;

    CostColumn(String column, String type) {
        this.column = column;
        this.type = type;
    }

    String column() {
        return column;
    }

    String type() {
        return type;
    }
}
