package io.tidewater.billing.crawl;

import io.tidewater.billing.manifest.ManifestColumn;
import io.tidewater.contract.LoadColumn;
import io.tidewater.schema.inference.InferredColumn;
import io.tidewater.schema.naming.ColumnNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.types.Type;

/**
 * The typed columns of a billing delivery, named as Athena names CUR columns ({@code lineItem/UnblendedCost} becomes
 * {@code line_item_unblended_cost}). Types are chosen so that the same column gets the same type in every month,
 * whether the manifest typed it or not: a month that flips a type would fail to load.
 */
final class DeliveryColumns {

    static final String DECIMAL = "decimal(38,10)";

    /**
     * The Iceberg type of every map column of a Data Export. Text values: CUR 2.0's {@code discount}, typed
     * {@code map<string,double>}, holds numbers or text depending on the key, and text holds both without loss.
     */
    static final String MAP = "map<string, string>";

    /**
     * The map columns of CUR 2.0 ({@code COST_AND_USAGE_REPORT}) and of FOCUS 1.0 and 1.2 with AWS columns, by their
     * normalised names, for manifests that type nothing: the same column gets the same type either way.
     */
    private static final Set<String> KNOWN_EXPORT_MAPS = Set.of(
            "product",
            "resource_tags",
            "cost_category",
            "discount",
            "tags",
            "sku_price_details",
            "x_cost_categories",
            "x_discounts");

    /**
     * The non-string columns of AWS's typed legacy manifests (2019+), for manifests that type nothing (2017-2018): the
     * same column gets the same type either way.
     */
    private static final Map<String, String> KNOWN_LEGACY_TYPES = knownLegacyTypes();

    private DeliveryColumns() {}

    /**
     * Legacy CUR: the manifest's type when it gives one, else the type AWS gives the column in typed manifests, else
     * the crawl's timestamp for a {@code *Date} column (AWS's DateTime columns are all named so); the rest is text.
     */
    static List<LoadColumn> legacyCur(
            List<String> fileColumns, List<ManifestColumn> declared, Map<String, InferredColumn> crawled) {
        Map<String, String> manifestTypes = new HashMap<>();
        for (ManifestColumn column : declared) {
            if (column.type() != null) {
                manifestTypes.put(column.sourceName(), column.type());
            }
        }
        List<String> names = ColumnNames.normalise(fileColumns).names();
        List<LoadColumn> columns = new ArrayList<>();
        for (int index = 0; index < fileColumns.size(); index++) {
            String source = fileColumns.get(index);
            String type = manifestTypes.containsKey(source)
                    ? legacyType(manifestTypes.get(source))
                    : KNOWN_LEGACY_TYPES.getOrDefault(source, inferredLegacyType(source, crawled.get(source)));
            columns.add(new LoadColumn(names.get(index), source, type, true));
        }
        return columns;
    }

    /** Maps the type names of legacy CUR manifests: String, OptionalString, BigDecimal, DateTime, Interval, ... */
    static String legacyType(String manifestType) {
        return switch (manifestType) {
            case "BigDecimal", "OptionalBigDecimal" -> DECIMAL;
            case "DateTime" -> "timestamptz";
            default -> "string";
        };
    }

    private static String inferredLegacyType(String source, InferredColumn crawled) {
        if (crawled != null && source.endsWith("Date") && isTimestamp(crawled.type())) {
            return "timestamptz";
        }
        return "string";
    }

    /**
     * Data Exports (CUR 2.0, FOCUS): the manifest's type when it gives one, else the crawl's. Numbers are doubles, as
     * AWS types cost columns, so that a month of whole numbers does not type a column {@code long}; ids stay text. Map
     * columns ({@link #KNOWN_EXPORT_MAPS}, or typed {@code map} by the manifest) are {@link #MAP}: CSV exports hold
     * each as a JSON object, which the loader parses.
     */
    static List<LoadColumn> dataExport(
            List<String> fileColumns, List<ManifestColumn> declared, Map<String, InferredColumn> crawled) {
        Map<String, String> manifestTypes = new HashMap<>();
        for (ManifestColumn column : declared) {
            if (column.type() != null) {
                manifestTypes.put(column.sourceName(), column.type());
            }
        }
        List<String> names = ColumnNames.normalise(fileColumns).names();
        List<LoadColumn> columns = new ArrayList<>();
        for (int index = 0; index < fileColumns.size(); index++) {
            String source = fileColumns.get(index);
            String name = names.get(index);
            String type;
            if (name.endsWith("_id") || name.equals("id")) {
                type = "string";
            } else if (KNOWN_EXPORT_MAPS.contains(name)) {
                type = MAP;
            } else if (manifestTypes.containsKey(source)) {
                type = exportType(manifestTypes.get(source));
            } else {
                type = crawledExportType(crawled.get(source));
            }
            columns.add(new LoadColumn(name, source, type, true));
        }
        return columns;
    }

    static String exportType(String manifestType) {
        String type = manifestType.toLowerCase(Locale.ROOT).trim();
        if (type.startsWith("map")) {
            return MAP;
        }
        if (type.startsWith("double") || type.startsWith("float") || type.startsWith("decimal")) {
            return "double";
        }
        if (Set.of("bigint", "int", "integer", "long").contains(type)) {
            return "long";
        }
        if (type.startsWith("timestamp")) {
            return "timestamptz";
        }
        if (type.equals("date")) {
            return "date";
        }
        return "string";
    }

    /**
     * A column of a Parquet delivery by its footer type: numbers as in CSV deliveries of the same kind, maps (CUR 2.0,
     * FOCUS) as {@link #MAP}.
     */
    static String parquet(Type type, boolean legacy) {
        return switch (type.typeId()) {
            case TIMESTAMP, TIMESTAMP_NANO -> "timestamptz";
            case INTEGER, LONG, FLOAT, DOUBLE, DECIMAL -> legacy ? DECIMAL : "double";
            case DATE -> "date";
            case MAP -> legacy ? "string" : MAP;
            default -> "string";
        };
    }

    private static String crawledExportType(InferredColumn crawled) {
        if (crawled == null) {
            return "string";
        }
        Type type = crawled.type();
        if (isTimestamp(type)) {
            return "timestamptz";
        }
        return switch (type.typeId()) {
            case INTEGER, LONG, FLOAT, DOUBLE, DECIMAL -> "double";
            case DATE -> "date";
            default -> "string";
        };
    }

    private static boolean isTimestamp(Type type) {
        return type.typeId() == Type.TypeID.TIMESTAMP || type.typeId() == Type.TypeID.TIMESTAMP_NANO;
    }

    private static Map<String, String> knownLegacyTypes() {
        Map<String, String> types = new HashMap<>();
        for (String column : List.of(
                "bill/BillingPeriodStartDate",
                "bill/BillingPeriodEndDate",
                "lineItem/UsageStartDate",
                "lineItem/UsageEndDate")) {
            types.put(column, "timestamptz");
        }
        for (String column : List.of(
                "lineItem/UsageAmount",
                "lineItem/UnblendedCost",
                "lineItem/BlendedCost",
                "lineItem/NormalizationFactor",
                "lineItem/NormalizedUsageAmount",
                "lineItem/NetUnblendedCost",
                "pricing/publicOnDemandCost",
                "reservation/AmortizedUpfrontCostForUsage",
                "reservation/AmortizedUpfrontFeeForBillingPeriod",
                "reservation/EffectiveCost",
                "reservation/NetAmortizedUpfrontCostForUsage",
                "reservation/NetAmortizedUpfrontFeeForBillingPeriod",
                "reservation/NetEffectiveCost",
                "reservation/NetRecurringFeeForUsage",
                "reservation/NetUnusedAmortizedUpfrontFeeForBillingPeriod",
                "reservation/NetUnusedRecurringFee",
                "reservation/NetUpfrontValue",
                "reservation/RecurringFeeForUsage",
                "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
                "reservation/UnusedNormalizedUnitQuantity",
                "reservation/UnusedQuantity",
                "reservation/UnusedRecurringFee",
                "reservation/UpfrontValue",
                "discount/RiVolumeDiscount",
                "discount/EdpDiscount",
                "discount/TotalDiscount",
                "savingsPlan/TotalCommitmentToDate",
                "savingsPlan/SavingsPlanRate",
                "savingsPlan/UsedCommitment",
                "savingsPlan/SavingsPlanEffectiveCost",
                "savingsPlan/AmortizedUpfrontCommitmentForBillingPeriod",
                "savingsPlan/RecurringCommitmentForBillingPeriod",
                "savingsPlan/NetSavingsPlanEffectiveCost",
                "savingsPlan/NetAmortizedUpfrontCommitmentForBillingPeriod",
                "savingsPlan/NetRecurringCommitmentForBillingPeriod")) {
            types.put(column, DECIMAL);
        }
        return Map.copyOf(types);
    }
}
