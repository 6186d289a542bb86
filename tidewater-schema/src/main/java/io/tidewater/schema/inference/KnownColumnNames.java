package io.tidewater.schema.inference;

import io.tidewater.contract.S3InventoryField;
import io.tidewater.schema.naming.ColumnNames;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Column names that are far likelier to be a header than data: S3 Inventory, CUR, FOCUS and everyday names. */
final class KnownColumnNames {
    private static final Set<String> NAMES = Stream.concat(
                    Arrays.stream(S3InventoryField.values()).map(S3InventoryField::columnName),
                    Stream.of(
                            // FOCUS and CUR 2.0
                            "availability_zone",
                            "billed_cost",
                            "billing_account_id",
                            "billing_account_name",
                            "billing_currency",
                            "billing_period_end",
                            "billing_period_start",
                            "charge_category",
                            "charge_class",
                            "charge_description",
                            "charge_frequency",
                            "charge_period_end",
                            "charge_period_start",
                            "consumed_quantity",
                            "consumed_unit",
                            "contracted_cost",
                            "effective_cost",
                            "list_cost",
                            "pricing_unit",
                            "provider_name",
                            "region_id",
                            "region_name",
                            "resource_id",
                            "resource_name",
                            "resource_type",
                            "service_category",
                            "service_name",
                            "sku_id",
                            "sub_account_id",
                            "tags",
                            "line_item_unblended_cost",
                            "line_item_usage_start_date",
                            "line_item_usage_account_id",
                            "bill_billing_period_start_date",
                            // Everyday names
                            "id",
                            "name",
                            "type",
                            "value",
                            "date",
                            "time",
                            "timestamp",
                            "amount",
                            "count",
                            "status",
                            "description",
                            "email",
                            "created_at",
                            "updated_at",
                            "created",
                            "updated",
                            "price",
                            "quantity",
                            "total",
                            "category",
                            "region",
                            "account",
                            "account_id",
                            "user",
                            "user_id",
                            "country",
                            "city",
                            "code",
                            "label",
                            "title"))
            .collect(Collectors.toUnmodifiableSet());

    /** CUR column names are {@code category/Name}, such as {@code lineItem/UnblendedCost}. */
    private static final Pattern CUR_NAME = Pattern.compile("[a-z][A-Za-z]*/[A-Za-z][A-Za-z0-9:_ .-]*");

    private KnownColumnNames() {}

    static boolean contains(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return CUR_NAME.matcher(value).matches() || NAMES.contains(ColumnNames.normalise(value));
    }
}
