package io.tidewater.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes legacy CUR deliveries of one month from a seed: the month-to-date line items, restated by each delivery, with
 * a typed manifest as AWS writes it since 2019. A later delivery can carry Savings Plans columns the earlier lacked,
 * as real reports do once a plan is bought.
 */
public final class CurReportGenerator {

    /** A column: its CUR category, name and the manifest's type. */
    private record CurColumn(String category, String name, String type) {
        String header() {
            return category + "/" + name;
        }
    }

    private static final List<CurColumn> COLUMNS = List.of(
            new CurColumn("identity", "LineItemId", "String"),
            new CurColumn("identity", "TimeInterval", "Interval"),
            new CurColumn("bill", "InvoiceId", "String"),
            new CurColumn("bill", "BillingEntity", "String"),
            new CurColumn("bill", "BillType", "String"),
            new CurColumn("bill", "PayerAccountId", "String"),
            new CurColumn("bill", "BillingPeriodStartDate", "DateTime"),
            new CurColumn("bill", "BillingPeriodEndDate", "DateTime"),
            new CurColumn("lineItem", "UsageAccountId", "String"),
            new CurColumn("lineItem", "LineItemType", "String"),
            new CurColumn("lineItem", "UsageStartDate", "DateTime"),
            new CurColumn("lineItem", "UsageEndDate", "DateTime"),
            new CurColumn("lineItem", "ProductCode", "String"),
            new CurColumn("lineItem", "UsageType", "String"),
            new CurColumn("lineItem", "Operation", "String"),
            new CurColumn("lineItem", "ResourceId", "String"),
            new CurColumn("lineItem", "UsageAmount", "OptionalBigDecimal"),
            new CurColumn("lineItem", "CurrencyCode", "String"),
            new CurColumn("lineItem", "UnblendedRate", "OptionalBigDecimal"),
            new CurColumn("lineItem", "UnblendedCost", "BigDecimal"),
            new CurColumn("lineItem", "LineItemDescription", "String"),
            new CurColumn("product", "region", "OptionalString"),
            new CurColumn("pricing", "unit", "OptionalString"),
            new CurColumn("resourceTags", "user:team", "OptionalString"));

    private static final List<CurColumn> SAVINGS_PLAN_COLUMNS = List.of(
            new CurColumn("savingsPlan", "SavingsPlanARN", "OptionalString"),
            new CurColumn("savingsPlan", "SavingsPlanEffectiveCost", "OptionalBigDecimal"));

    private static final String[][] PRODUCTS = {
        {"AmazonEC2", "BoxUsage:m7g.large", "RunInstances", "Hrs"},
        {"AmazonS3", "TimedStorage-ByteHrs", "StandardStorage", "GB-Mo"},
        {"AmazonRDS", "InstanceUsage:db.r6g.large", "CreateDBInstance", "Hrs"},
        {"AWSLambda", "Request", "Invoke", "Requests"},
        {"AmazonCloudWatch", "MetricMonitorUsage", "MetricStorage", "Metrics"}
    };
    private static final String[] TEAMS = {"search", "payments", "data", ""};
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bucket;
    private final String prefix;
    private final String reportName;

    public CurReportGenerator(String bucket, String prefix, String reportName) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.reportName = reportName;
    }

    /**
     * A delivery of {@code month} up to {@code days} days in, with {@code rowsPerDay} line items per day; the same seed
     * gives the same line items, so a later delivery restates the earlier ones and adds the days since.
     */
    public CurDelivery delivery(YearMonth month, int days, int rowsPerDay, boolean withSavingsPlans, long seed) {
        String assemblyId = UUID.nameUUIDFromBytes(
                        (month + "/" + days + "/" + withSavingsPlans).getBytes(StandardCharsets.UTF_8))
                .toString();
        LocalDate start = month.atDay(1);
        LocalDate end = month.plusMonths(1).atDay(1);
        String periodFolder = "%s/%s/%s-%s/".formatted(prefix, reportName, DAY.format(start), DAY.format(end));
        String dataKey = periodFolder + assemblyId + "/" + reportName + "-1.csv.gz";
        List<CurColumn> columns = new ArrayList<>(COLUMNS);
        if (withSavingsPlans) {
            columns.addAll(SAVINGS_PLAN_COLUMNS);
        }
        Random random = new Random(seed);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        BigDecimal total = BigDecimal.ZERO;
        long rows = 0;
        try (CSVPrinter out = new CSVPrinter(
                new OutputStreamWriter(new GZIPOutputStream(compressed), StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            out.printRecord(columns.stream().map(CurColumn::header).toList());
            for (int day = 0; day < days; day++) {
                LocalDate usageDay = start.plusDays(day);
                for (int item = 0; item < rowsPerDay; item++) {
                    String[] product = PRODUCTS[random.nextInt(PRODUCTS.length)];
                    BigDecimal amount = BigDecimal.valueOf(random.nextInt(2_400) + 1, 2);
                    BigDecimal rate = BigDecimal.valueOf(random.nextInt(900) + 10, 4);
                    BigDecimal cost = amount.multiply(rate).setScale(8, RoundingMode.HALF_UP);
                    total = total.add(cost);
                    rows++;
                    List<Object> values = new ArrayList<>(List.of(
                            Long.toHexString(random.nextLong()),
                            usageDay + "T00:00:00Z/" + usageDay.plusDays(1) + "T00:00:00Z",
                            "",
                            "AWS",
                            "Anniversary",
                            "111122223333",
                            start + "T00:00:00Z",
                            end + "T00:00:00Z",
                            String.valueOf(444455556666L + random.nextInt(3)),
                            "Usage",
                            usageDay + "T00:00:00Z",
                            usageDay.plusDays(1) + "T00:00:00Z",
                            product[0],
                            product[1],
                            product[2],
                            "arn:aws:demo:::resource/" + random.nextInt(500),
                            amount.toPlainString(),
                            "USD",
                            rate.toPlainString(),
                            cost.toPlainString(),
                            product[1] + " in us-east-1",
                            "us-east-1",
                            product[3],
                            TEAMS[random.nextInt(TEAMS.length)]));
                    if (withSavingsPlans) {
                        boolean covered = "AmazonEC2".equals(product[0]);
                        values.add(covered ? "arn:aws:savingsplans::111122223333:savingsplan/demo" : "");
                        values.add(
                                covered
                                        ? cost.multiply(BigDecimal.valueOf(0.72))
                                                .setScale(8, RoundingMode.HALF_UP)
                                                .toPlainString()
                                        : "");
                    }
                    out.printRecord(values);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the CUR delivery of " + month + ": " + e.getMessage(), e);
        }
        byte[] manifest = manifest(assemblyId, columns, start, end, dataKey);
        return new CurDelivery(
                assemblyId,
                month.toString(),
                dataKey,
                compressed.toByteArray(),
                periodFolder + assemblyId + "/" + reportName + "-Manifest.json",
                periodFolder + reportName + "-Manifest.json",
                manifest,
                rows,
                total);
    }

    private byte[] manifest(
            String assemblyId, List<CurColumn> columns, LocalDate start, LocalDate end, String dataKey) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("assemblyId", assemblyId);
        manifest.put("account", "111122223333");
        ArrayNode columnNodes = manifest.putArray("columns");
        for (CurColumn column : columns) {
            columnNodes
                    .addObject()
                    .put("category", column.category())
                    .put("name", column.name())
                    .put("type", column.type());
        }
        manifest.put("charset", "UTF-8");
        manifest.put("compression", "GZIP");
        manifest.put("contentType", "text/csv");
        manifest.put("reportId", Long.toHexString(assemblyId.hashCode()));
        manifest.put("reportName", reportName);
        ObjectNode period = manifest.putObject("billingPeriod");
        period.put("start", DAY.format(start) + "T000000.000Z");
        period.put("end", DAY.format(end) + "T000000.000Z");
        manifest.put("bucket", bucket);
        manifest.putArray("reportKeys").add(dataKey);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a CUR manifest: " + e.getMessage(), e);
        }
    }
}
