package io.tidewater.local.launcher;

import io.tidewater.loader.sql.QueryResult;
import io.tidewater.loader.sql.ReadOnlySql;
import io.tidewater.local.demo.CurDelivery;
import io.tidewater.local.demo.CurReportGenerator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The billing half of the demo: a CUR month delivered twice, the evening delivery restating the morning one with more
 * days and Savings Plans columns. The month must end equal to the evening delivery, never the sum of both.
 */
final class BillingDemo {

    private static final TableIdentifier CUR_TABLE = TableIdentifier.of("billing", "cur");
    private static final String BUCKET = "tidewater-billing";
    private static final int LINE_ITEMS_PER_DAY = 300;

    private final S3Client s3;
    private final Catalog catalog;
    private final ReadOnlySql sql;
    private final Duration timeout;

    BillingDemo(S3Client s3, Catalog catalog, ReadOnlySql sql, Duration timeout) {
        this.s3 = s3;
        this.catalog = catalog;
        this.sql = sql;
        this.timeout = timeout;
    }

    /** Returns whether the month ended equal to the evening delivery. */
    boolean run() throws InterruptedException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        YearMonth month = YearMonth.from(today);
        int days = Math.max(1, today.getDayOfMonth() - 1);
        CurReportGenerator generator = new CurReportGenerator(BUCKET, "cur", "tidewater-demo");
        CurDelivery morning = generator.delivery(month, days, LINE_ITEMS_PER_DAY, false, 7);
        CurDelivery evening = generator.delivery(month, days + 1, LINE_ITEMS_PER_DAY, true, 7);

        System.out.println();
        System.out.printf("Billing: the CUR month %s, delivered twice%n", month);
        if (!deliverAndWait("morning", morning) || !deliverAndWait("evening", evening)) {
            return false;
        }
        String period = "FROM billing.cur WHERE billing_period = '" + month + "'";
        QueryResult landed = sql.run("SELECT count(*), sum(line_item_unblended_cost), "
                + "count(savings_plan_savings_plan_a_r_n) " + period);
        long rows = ((Number) landed.rows().get(0).get(0)).longValue();
        BigDecimal cost = new BigDecimal(String.valueOf(landed.rows().get(0).get(1)));
        System.out.printf(
                "  billing.cur %s: %,d rows, unblended cost $%s (the evening delivery alone: %,d rows, $%s)%n",
                month, rows, money(cost), evening.rows(), money(evening.unblendedCost()));
        System.out.printf(
                "  Savings Plans columns added by the evening delivery, %s line items covered%n",
                landed.rows().get(0).get(2));
        return rows == evening.rows() && cost.compareTo(evening.unblendedCost()) == 0;
    }

    private boolean deliverAndWait(String name, CurDelivery delivery) throws InterruptedException {
        // AWS writes the data, then the assembly's manifest, then overwrites the period's manifest.
        put(delivery.dataKey(), delivery.data());
        put(delivery.assemblyManifestKey(), delivery.manifest());
        put(delivery.periodManifestKey(), delivery.manifest());
        long uploaded = System.currentTimeMillis();
        String key = "billing/billing.cur/%s/%s".formatted(delivery.billingPeriod(), delivery.assemblyId());
        Optional<Snapshot> loaded = PublishedSnapshots.await(catalog, CUR_TABLE, key, timeout);
        if (loaded.isEmpty()) {
            System.out.printf("  The %s delivery did not load within %d s%n", name, timeout.toSeconds());
            return false;
        }
        System.out.printf(
                "  %-8s delivery %s: %,d line items, $%s, replaced the month in %,d ms%n",
                name,
                delivery.assemblyId().substring(0, 8),
                delivery.rows(),
                money(delivery.unblendedCost()),
                loaded.get().timestampMillis() - uploaded);
        return true;
    }

    private void put(String key, byte[] bytes) {
        s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
