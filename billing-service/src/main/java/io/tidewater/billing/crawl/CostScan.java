package io.tidewater.billing.crawl;

import io.tidewater.billing.ledger.Dimension;
import io.tidewater.billing.manifest.BillingDelivery;
import io.tidewater.billing.manifest.DeliveryFile;
import io.tidewater.billing.manifest.InvalidDeliveryException;
import io.tidewater.schema.naming.ColumnNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Streams a CSV delivery once: its header, rows, total unblended cost (FOCUS: billed cost), cost by service, account and
 * day, and the invoice id that makes a period final. The loader's tables are only reachable through Spark, so the
 * figures the admin API and the metrics show are counted here.
 *
 * @param header the columns of the files, in file order (the same in every file)
 * @param rows data rows in all files
 * @param unblendedCost the sum of the cost column; {@code null} when the delivery has none
 * @param invoiceId the first invoice id found, or {@code null} while the period is not invoiced
 * @param costs cost per service, account and day
 */
public record CostScan(
        List<String> header,
        long rows,
        BigDecimal unblendedCost,
        String invoiceId,
        Map<Dimension, Map<String, BigDecimal>> costs) {

    private static final List<String> COST = List.of("line_item_unblended_cost", "billed_cost");
    private static final List<String> SERVICE = List.of("line_item_product_code", "service_name");
    private static final List<String> ACCOUNT = List.of("line_item_usage_account_id", "sub_account_id");
    private static final List<String> DAY = List.of("line_item_usage_start_date", "charge_period_start");
    private static final List<String> INVOICE = List.of("bill_invoice_id", "invoice_id");

    static CostScan of(BillingDelivery delivery, Function<DeliveryFile, InputStream> open) {
        List<String> header = null;
        long rows = 0;
        BigDecimal total = null;
        String invoiceId = null;
        Map<Dimension, Map<String, BigDecimal>> costs = new EnumMap<>(Dimension.class);
        for (DeliveryFile file : delivery.files()) {
            String uri = "s3://" + delivery.bucket() + "/" + file.key();
            try (InputStream raw = open.apply(file);
                    Reader reader = new InputStreamReader(
                            file.gzip() ? new GZIPInputStream(raw, 1 << 16) : raw, StandardCharsets.UTF_8);
                    CSVParser parser = CSVFormat.RFC4180
                            .builder()
                            .setHeader()
                            .setSkipHeaderRecord(true)
                            .setAllowMissingColumnNames(true)
                            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                            .get()
                            .parse(reader)) {
                List<String> fileHeader = parser.getHeaderNames();
                if (header == null) {
                    header = fileHeader;
                } else if (!header.equals(fileHeader)) {
                    throw new InvalidDeliveryException("Cannot read delivery %s: file %s has columns %s, not %s"
                            .formatted(delivery.manifestUri(), uri, fileHeader, header));
                }
                int cost = position(fileHeader, COST);
                int service = position(fileHeader, SERVICE);
                int account = position(fileHeader, ACCOUNT);
                int day = position(fileHeader, DAY);
                int invoice = position(fileHeader, INVOICE);
                if (cost >= 0 && total == null) {
                    total = BigDecimal.ZERO;
                }
                for (CSVRecord record : parser) {
                    rows++;
                    if (invoiceId == null && invoice >= 0) {
                        String value = value(record, invoice);
                        invoiceId = value.isBlank() ? null : value;
                    }
                    if (cost < 0) {
                        continue;
                    }
                    BigDecimal amount = amount(record, cost, uri);
                    total = total.add(amount);
                    add(costs, Dimension.SERVICE, service < 0 ? "" : value(record, service), amount);
                    add(costs, Dimension.ACCOUNT, account < 0 ? "" : value(record, account), amount);
                    String start = day < 0 ? "" : value(record, day);
                    add(costs, Dimension.DAY, start.length() >= 10 ? start.substring(0, 10) : start, amount);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new InvalidDeliveryException(
                        "Cannot read delivery %s: file %s: %s".formatted(delivery.manifestUri(), uri, e.getMessage()),
                        e);
            }
        }
        if (header == null) {
            throw new InvalidDeliveryException("Cannot read delivery %s: no files".formatted(delivery.manifestUri()));
        }
        return new CostScan(header, rows, total, invoiceId, costs);
    }

    private static BigDecimal amount(CSVRecord record, int position, String uri) {
        String value = value(record, position).trim();
        if (value.isEmpty()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new InvalidDeliveryException(
                    "Cannot read cost '%s' in %s, line %d: not a number"
                            .formatted(value, uri, record.getRecordNumber() + 1),
                    e);
        }
    }

    private static void add(
            Map<Dimension, Map<String, BigDecimal>> costs, Dimension dimension, String key, BigDecimal amount) {
        costs.computeIfAbsent(dimension, ignored -> new TreeMap<>()).merge(key, amount, BigDecimal::add);
    }

    private static String value(CSVRecord record, int position) {
        return position < record.size() ? record.get(position) : "";
    }

    private static int position(List<String> header, List<String> candidates) {
        for (String candidate : candidates) {
            for (int index = 0; index < header.size(); index++) {
                if (ColumnNames.normalise(header.get(index)).equals(candidate)) {
                    return index;
                }
            }
        }
        return -1;
    }
}
