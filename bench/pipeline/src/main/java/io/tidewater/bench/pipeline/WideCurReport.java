package io.tidewater.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A wide legacy Cost and Usage Report (129 columns, as an account with EC2, RDS, reservations, Savings Plans and
 * tags gets) from a seed: one CSV.gz data file with a header line and the typed manifest AWS writes since 2019. Most
 * product and reservation columns are empty on most line items, as in real reports.
 */
final class WideCurReport {

    /** A column: its category, name and the manifest's type. */
    record CurColumn(String category, String name, String type) {
        String header() {
            return category + "/" + name;
        }
    }

    /** The generated month: its rows and the sum of {@code lineItem/UnblendedCost}. */
    record Generated(Path file, YearMonth month, long rows, BigDecimal unblendedCost, long bytes) {}

    static final List<CurColumn> COLUMNS = columns();

    private static final String[] PRODUCTS = {"AmazonEC2", "AmazonS3", "AmazonRDS", "AWSLambda", "AmazonCloudWatch"};
    private static final String[] LINE_ITEM_TYPES = {
        "Usage", "Usage", "Usage", "DiscountedUsage", "SavingsPlanCoveredUsage", "Tax"
    };
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final ObjectMapper JSON = new ObjectMapper();

    private WideCurReport() {}

    private static List<CurColumn> columns() {
        List<CurColumn> columns = new ArrayList<>();
        add(columns, "identity", "String", "LineItemId");
        add(columns, "identity", "Interval", "TimeInterval");
        add(columns, "bill", "String", "InvoiceId", "InvoicingEntity", "BillingEntity", "BillType", "PayerAccountId");
        add(columns, "bill", "DateTime", "BillingPeriodStartDate", "BillingPeriodEndDate");
        add(columns, "lineItem", "String", "UsageAccountId", "LineItemType");
        add(columns, "lineItem", "DateTime", "UsageStartDate", "UsageEndDate");
        add(columns, "lineItem", "String", "ProductCode", "UsageType", "Operation", "AvailabilityZone", "ResourceId");
        add(columns, "lineItem", "OptionalBigDecimal", "UsageAmount", "NormalizationFactor", "NormalizedUsageAmount");
        add(columns, "lineItem", "String", "CurrencyCode");
        add(columns, "lineItem", "OptionalBigDecimal", "UnblendedRate");
        add(columns, "lineItem", "BigDecimal", "UnblendedCost");
        add(columns, "lineItem", "OptionalBigDecimal", "BlendedRate", "BlendedCost");
        add(columns, "lineItem", "String", "LineItemDescription", "TaxType", "LegalEntity");
        add(columns, "product", "OptionalString",
                "ProductName", "alarmType", "availability", "availabilityZone", "capacitystatus",
                "classicnetworkingsupport", "clockSpeed", "currentGeneration", "databaseEngine",
                "dedicatedEbsThroughput", "deploymentOption", "description", "durability", "ecu", "engineCode",
                "enhancedNetworkingSupported", "fromLocation", "fromLocationType", "group", "groupDescription",
                "instanceFamily", "instanceType", "instanceTypeFamily", "intelAvx2Available", "intelAvxAvailable",
                "intelTurboAvailable", "licenseModel", "location", "locationType", "logsDestination",
                "maxIopsvolume", "maxThroughputvolume", "maxVolumeSize", "memory", "messageDeliveryFrequency",
                "networkPerformance", "normalizationSizeFactor", "operatingSystem", "operation",
                "physicalProcessor", "preInstalledSw", "processorArchitecture", "processorFeatures",
                "productFamily", "region", "regionCode", "servicecode", "servicename", "sku", "storage",
                "storageClass", "storageMedia", "tenancy", "toLocation", "toLocationType", "transferType",
                "usagetype", "vcpu", "version", "volumeApiName", "volumeType");
        add(columns, "pricing", "OptionalString",
                "LeaseContractLength", "OfferingClass", "PurchaseOption", "RateCode", "RateId", "currency");
        add(columns, "pricing", "OptionalBigDecimal", "publicOnDemandCost", "publicOnDemandRate");
        add(columns, "pricing", "OptionalString", "term", "unit");
        add(columns, "reservation", "OptionalBigDecimal",
                "AmortizedUpfrontCostForUsage", "AmortizedUpfrontFeeForBillingPeriod", "EffectiveCost");
        add(columns, "reservation", "OptionalString", "EndTime", "ModificationStatus");
        add(columns, "reservation", "OptionalBigDecimal",
                "NormalizedUnitsPerReservation", "NumberOfReservations", "RecurringFeeForUsage");
        add(columns, "reservation", "OptionalString", "ReservationARN", "StartTime", "SubscriptionId");
        add(columns, "reservation", "OptionalBigDecimal",
                "TotalReservedNormalizedUnits", "TotalReservedUnits", "UnitsPerReservation",
                "UnusedAmortizedUpfrontFeeForBillingPeriod", "UnusedNormalizedUnitQuantity", "UnusedQuantity",
                "UnusedRecurringFee", "UpfrontValue");
        add(columns, "savingsPlan", "OptionalBigDecimal", "TotalCommitmentToDate");
        add(columns, "savingsPlan", "OptionalString", "SavingsPlanARN");
        add(columns, "savingsPlan", "OptionalBigDecimal",
                "SavingsPlanRate", "UsedCommitment", "SavingsPlanEffectiveCost",
                "AmortizedUpfrontCommitmentForBillingPeriod", "RecurringCommitmentForBillingPeriod");
        add(columns, "resourceTags", "OptionalString", "user:team", "user:environment", "user:cost-center");
        return List.copyOf(columns);
    }

    private static void add(List<CurColumn> columns, String category, String type, String... names) {
        for (String name : names) {
            columns.add(new CurColumn(category, name, type));
        }
    }

    /** Writes {@code rows} line items of {@code month} to {@code file}, the same for the same seed. */
    static Generated write(Path file, YearMonth month, long rows, long seed) {
        LocalDate start = month.atDay(1);
        LocalDate end = month.plusMonths(1).atDay(1);
        int days = month.lengthOfMonth();
        Random random = new Random(seed);
        BigDecimal total = BigDecimal.ZERO;
        try (OutputStream out = Files.newOutputStream(file);
                CSVPrinter csv = new CSVPrinter(
                        new OutputStreamWriter(new GZIPOutputStream(out, 1 << 16), StandardCharsets.UTF_8),
                        CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            csv.printRecord(COLUMNS.stream().map(CurColumn::header).toList());
            List<String> values = new ArrayList<>(COLUMNS.size());
            for (long row = 0; row < rows; row++) {
                LocalDate day = start.plusDays(row % days);
                String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
                String lineItemType = LINE_ITEM_TYPES[random.nextInt(LINE_ITEM_TYPES.length)];
                BigDecimal amount = BigDecimal.valueOf(random.nextInt(2_400) + 1, 2);
                BigDecimal rate = BigDecimal.valueOf(random.nextInt(900) + 10, 4);
                BigDecimal cost = amount.multiply(rate).setScale(8, RoundingMode.HALF_UP);
                total = total.add(cost);
                boolean compute = "AmazonEC2".equals(product) || "AmazonRDS".equals(product);
                values.clear();
                for (CurColumn column : COLUMNS) {
                    values.add(value(column, random, day, start, end, product, lineItemType, amount, rate, cost,
                            compute));
                }
                csv.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the wide CUR of " + month + " to " + file + ": "
                    + e.getMessage(), e);
        }
        try {
            return new Generated(file, month, rows, total, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot size " + file + ": " + e.getMessage(), e);
        }
    }

    private static String value(
            CurColumn column,
            Random random,
            LocalDate day,
            LocalDate start,
            LocalDate end,
            String product,
            String lineItemType,
            BigDecimal amount,
            BigDecimal rate,
            BigDecimal cost,
            boolean compute) {
        return switch (column.header()) {
            case "identity/LineItemId" -> Long.toHexString(random.nextLong());
            case "identity/TimeInterval" -> day + "T00:00:00Z/" + day.plusDays(1) + "T00:00:00Z";
            case "bill/BillingEntity", "bill/InvoicingEntity" -> "AWS";
            case "bill/BillType" -> "Anniversary";
            case "bill/PayerAccountId" -> "111122223333";
            case "bill/BillingPeriodStartDate" -> start + "T00:00:00Z";
            case "bill/BillingPeriodEndDate" -> end + "T00:00:00Z";
            case "lineItem/UsageAccountId" -> String.valueOf(444455556666L + random.nextInt(3));
            case "lineItem/LineItemType" -> lineItemType;
            case "lineItem/UsageStartDate" -> day + "T00:00:00Z";
            case "lineItem/UsageEndDate" -> day.plusDays(1) + "T00:00:00Z";
            case "lineItem/ProductCode", "product/servicecode" -> product;
            case "lineItem/UsageType", "product/usagetype" -> product + ":Usage" + random.nextInt(20);
            case "lineItem/Operation", "product/operation" -> "Operation" + random.nextInt(8);
            case "lineItem/ResourceId" -> "arn:aws:bench:::resource/" + random.nextInt(5_000);
            case "lineItem/UsageAmount", "lineItem/NormalizedUsageAmount" -> amount.toPlainString();
            case "lineItem/CurrencyCode", "pricing/currency" -> "USD";
            case "lineItem/UnblendedRate", "lineItem/BlendedRate", "pricing/publicOnDemandRate" -> rate.toPlainString();
            case "lineItem/UnblendedCost", "lineItem/BlendedCost", "pricing/publicOnDemandCost" -> cost.toPlainString();
            case "lineItem/LineItemDescription" -> product + " usage in us-east-1";
            case "lineItem/LegalEntity" -> "Amazon Web Services, Inc.";
            case "product/ProductName", "product/servicename" -> product;
            case "product/region", "product/regionCode" -> "us-east-1";
            case "product/location" -> "US East (N. Virginia)";
            case "product/locationType" -> "AWS Region";
            case "pricing/term" -> "OnDemand";
            case "pricing/unit" -> "Hrs";
            case "resourceTags/user:team" -> new String[] {"search", "payments", "data", ""}[random.nextInt(4)];
            case "resourceTags/user:environment" -> random.nextBoolean() ? "production" : "staging";
            default -> sparse(column, random, compute, lineItemType);
        };
    }

    /** Product attributes on compute line items, reservation columns on discounted usage, Savings Plans on covered. */
    private static String sparse(CurColumn column, Random random, boolean compute, String lineItemType) {
        boolean filled = switch (column.category()) {
            case "product" -> compute;
            case "reservation" -> "DiscountedUsage".equals(lineItemType);
            case "savingsPlan" -> "SavingsPlanCoveredUsage".equals(lineItemType);
            default -> random.nextInt(4) == 0;
        };
        if (!filled) {
            return "";
        }
        return column.type().endsWith("BigDecimal")
                ? BigDecimal.valueOf(random.nextInt(100_000), 4).toPlainString()
                : column.name() + "-" + random.nextInt(12);
    }

    /** The manifest's JSON, field for field as AWS writes a legacy CUR manifest (2019+). */
    record Manifest(
            String assemblyId,
            String account,
            List<CurColumn> columns,
            String charset,
            String compression,
            String contentType,
            String reportId,
            String reportName,
            Map<String, String> billingPeriod,
            String bucket,
            List<String> reportKeys) {}

    /** The typed manifest of one delivery of the month, naming its one data file. */
    static byte[] manifest(String assemblyId, String bucket, String reportName, YearMonth month, String dataKey) {
        Map<String, String> period = new LinkedHashMap<>();
        period.put("start", DAY.format(month.atDay(1)) + "T000000.000Z");
        period.put("end", DAY.format(month.plusMonths(1).atDay(1)) + "T000000.000Z");
        Manifest manifest = new Manifest(
                assemblyId,
                "111122223333",
                COLUMNS,
                "UTF-8",
                "GZIP",
                "text/csv",
                Long.toHexString(reportName.hashCode()),
                reportName,
                period,
                bucket,
                List.of(dataKey));
        try {
            return JSON.writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the manifest of CUR delivery " + assemblyId + ": "
                    + e.getMessage(), e);
        }
    }
}
