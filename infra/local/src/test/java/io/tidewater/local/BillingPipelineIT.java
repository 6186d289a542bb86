package io.tidewater.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.ReportArrived;
import io.tidewater.local.fixtures.DataExportSamples;
import io.tidewater.local.fixtures.DocumentedExports;
import io.tidewater.local.fixtures.LocalPipeline;
import io.tidewater.local.fixtures.SharedPipeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Real Cost and Usage Reports uploaded through the S3 API of the embedded stack, in AWS's layout, end in
 * {@code billing.cur}: each delivery replaces its report's rows of the billing period, and an event for an older
 * delivery changes nothing.
 * CUR 2.0 and FOCUS exports of the same real line items end in {@code billing.cur2} and {@code billing.focus}, with
 * their map columns as Iceberg maps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipeline.class)
class BillingPipelineIT {

    private static final String SAMPLES = "/samples/";
    private static final String REAL_REPORT =
            SAMPLES + "focus-converters-aws-cur/sample-anonymous-aws-export-dataset.csv";
    private static final String REAL_FOCUS = SAMPLES + "focus-sample-data/focus_sample_1.0.csv";
    private static final String BUCKET = "tidewater-billing";
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalPipeline pipeline;
    private Path dataDirectory;

    @BeforeAll
    void usePipeline(LocalPipeline shared) {
        pipeline = shared;
        dataDirectory = shared.stack().dataDirectory();
    }

    @Test
    void newerDeliveryReplacesTheMonthAndAStaleEventForTheOlderOneChangesNothing() throws Exception {
        String folder = "cur/koku-local/20180801-20180901/";
        String real = SAMPLES + "koku-cur/test_local_bucket/koku-local/20180801-20180901/";
        String v2Assembly = "16e57707-f9e3-49be-8be6-b84e684b5194";
        byte[] v2Data = resource(real + v2Assembly + "/koku-local-1.csv.gz");
        byte[] v2Manifest = resource(real + v2Assembly + "/koku-local-Manifest.json");
        // v1: the first 1,000 rows of the same report under an earlier assembly, as a morning delivery would be.
        String v1Assembly = "0a1b2c3d-0000-4000-8000-000000000001";
        byte[] v1Data = gzip(firstRows(gunzip(v2Data), 1_000));
        byte[] v1Manifest = manifest(v2Manifest, v1Assembly, "/" + folder + v1Assembly + "/koku-local-1.csv.gz");

        putDelivery(folder, v1Assembly, "koku-local", v1Data, v1Manifest);
        await().atMost(LOAD_TIMEOUT)
                .untilAsserted(() -> assertThat(rows("2018-08")).isEqualTo(1_000));
        assertThat(unblendedCost("2018-08")).isEqualByComparingTo(expectedCost(gunzip(v1Data)));

        putDelivery(
                folder,
                v2Assembly,
                "koku-local",
                v2Data,
                manifest(v2Manifest, v2Assembly, "/" + folder + v2Assembly + "/koku-local-1.csv.gz"));
        await().atMost(LOAD_TIMEOUT)
                .untilAsserted(() -> assertThat(rows("2018-08")).isEqualTo(13_380));
        BigDecimal v2Cost = expectedCost(gunzip(v2Data));
        assertThat(unblendedCost("2018-08")).isEqualByComparingTo(v2Cost);

        sendStaleEventAndAwaitItsSkip(folder + v1Assembly + "/koku-local-Manifest.json", v1Manifest, v1Assembly);
        assertThat(rows("2018-08")).isEqualTo(13_380);
        assertThat(unblendedCost("2018-08")).isEqualByComparingTo(v2Cost);
        assertThat(pipeline.count("SELECT count(*) FROM billing.cur WHERE billing_period = '2018-08' "
                        + "AND assembly_id = '" + v1Assembly + "'"))
                .isZero();
        assertThat(ledger(
                        "SELECT state FROM deliveries WHERE billing_period = ? ORDER BY manifest_modified_at",
                        "2018-08"))
                .containsExactly("REPLACED", "LOADED");
    }

    @Test
    void secondDeliveryWithSavingsPlanColumnsEvolvesTheTableAndMakesTheMonthFinal() throws Exception {
        String folder = "cur/koku/20230601-20230701/";
        byte[] finalCsv = resource(SAMPLES + "koku-cur/2023-06-01.csv");
        byte[] notFinalCsv = withoutColumns(
                resource(SAMPLES + "koku-cur/2023-06-01-not-final.csv"), name -> name.startsWith("savingsPlan/"));
        String v1Assembly = "2023060a-0000-4000-8000-000000000001";
        String v2Assembly = "2023060b-0000-4000-8000-000000000002";

        putDelivery(
                folder,
                v1Assembly,
                "koku",
                notFinalCsv,
                untypedManifest(notFinalCsv, v1Assembly, folder, "koku", "20230601"));
        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> assertThat(
                        ledger("SELECT state FROM deliveries WHERE assembly_id = ?", v1Assembly))
                .containsExactly("LOADED"));
        assertThat(rows("2023-06")).isEqualTo(3);

        putDelivery(
                folder,
                v2Assembly,
                "koku",
                finalCsv,
                untypedManifest(finalCsv, v2Assembly, folder, "koku", "20230601"));
        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> assertThat(
                        ledger("SELECT state FROM deliveries WHERE assembly_id = ?", v2Assembly))
                .containsExactly("LOADED"));

        assertThat(rows("2023-06")).isEqualTo(3);
        assertThat(unblendedCost("2023-06")).isEqualByComparingTo("30");
        assertThat(pipeline.query("SELECT DISTINCT savings_plan_savings_plan_arn IS NULL, bill_invoice_id "
                        + "FROM billing.cur WHERE billing_period = '2023-06'"))
                .hasSize(1);
        assertThat(ledger("SELECT invoice_id FROM deliveries WHERE assembly_id = ?", v2Assembly))
                .containsExactly("987654321");
    }

    @Test
    void anonymisedRealReportWithoutManifestTypesLoadsEveryRow() throws Exception {
        String folder = "cur/focus-sample/20231101-20231201/";
        byte[] csv = resource(REAL_REPORT);
        String assembly = "20231101-0000-4000-8000-000000000001";

        putDelivery(
                folder,
                assembly,
                "focus-sample",
                csv,
                untypedManifest(csv, assembly, folder, "focus-sample", "20231101"));

        await().atMost(LOAD_TIMEOUT)
                .untilAsserted(() -> assertThat(rows("2023-11")).isEqualTo(1_281));
        assertThat(unblendedCost("2023-11")).isEqualByComparingTo(expectedCost(csv));
    }

    @Test
    void twoPayersReportsOfOneMonthLiveSideBySideAndEachRestatesAlone() throws Exception {
        byte[] lineItems = resource(REAL_REPORT);
        byte[] payerA = firstRows(lineItems, 800);
        byte[] payerB = firstRows(lineItems, 481);
        byte[] payerARestated = firstRows(lineItems, 300);
        String folderA = "cur/payer-a/20240201-20240301/";
        String folderB = "cur/payer-b/20240201-20240301/";
        String a1 = "20240201-0000-4000-8000-00000000000a";
        String b1 = "20240201-0000-4000-8000-00000000000b";
        String a2 = "20240201-0000-4000-8000-0000000000a2";
        byte[] a1Manifest = untypedManifest(payerA, a1, folderA, "payer-a", "20240201");

        putDelivery(folderA, a1, "payer-a", payerA, a1Manifest);
        putDelivery(folderB, b1, "payer-b", payerB, untypedManifest(payerB, b1, folderB, "payer-b", "20240201"));
        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> {
            assertThat(reportRows("2024-02", "payer-a")).isEqualTo(800);
            assertThat(reportRows("2024-02", "payer-b")).isEqualTo(481);
        });
        assertThat(unblendedCost("2024-02"))
                .isEqualByComparingTo(expectedCost(payerA).add(expectedCost(payerB)));

        putDelivery(
                folderA,
                a2,
                "payer-a",
                payerARestated,
                untypedManifest(payerARestated, a2, folderA, "payer-a", "20240201"));
        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> assertThat(reportRows("2024-02", "payer-a"))
                .isEqualTo(300));
        assertThat(reportRows("2024-02", "payer-b"))
                .as("the other payer's report")
                .isEqualTo(481);
        assertThat(rows("2024-02")).isEqualTo(781);

        sendStaleEventAndAwaitItsSkip(folderA + a1 + "/payer-a-Manifest.json", a1Manifest, a1);

        assertThat(rows("2024-02")).isEqualTo(781);
        assertThat(unblendedCost("2024-02"))
                .isEqualByComparingTo(expectedCost(payerARestated).add(expectedCost(payerB)));
        assertThat(ledger(
                        "SELECT report || ' ' || state FROM deliveries WHERE billing_period = ? "
                                + "ORDER BY report, manifest_modified_at",
                        "2024-02"))
                .containsExactly(
                        "s3://" + BUCKET + "/cur/payer-a REPLACED",
                        "s3://" + BUCKET + "/cur/payer-a LOADED",
                        "s3://" + BUCKET + "/cur/payer-b LOADED");
    }

    /** Both exports at once: the pipeline works on them side by side, which keeps the test short. */
    @Test
    void cur2AndFocusExportsLoadTheirMapColumnsAsMapsAndACutShortMapCellIsQuarantinedWithItsLine() throws Exception {
        DataExportSamples samples = DataExportSamples.of(resource(REAL_REPORT));
        int broken = firstLineItemOf(samples, "AWSGlue");
        ObjectNode cur2Manifest = exportManifest("cur2-exec-1");
        ArrayNode cur2Columns = cur2Manifest.putArray("columns");
        DataExportSamples.cur2Columns()
                .forEach((name, type) ->
                        cur2Columns.addObject().put("name", name).put("type", type));
        ObjectNode focusManifest = exportManifest("focus-exec-1");
        // FOCUS without manifest types: the map columns are known by name, the rest is crawled.
        DataExportSamples.focusColumns().forEach(focusManifest.putArray("columns")::add);

        putExport("cur2-sample", "2023-11", samples.cur2(broken), cur2Manifest);
        putExport("focus-sample", "2023-11", samples.focus(), focusManifest);

        await().atMost(LOAD_TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(pipeline.countOrZeroWithoutTable(
                            "SELECT count(*) FROM billing.cur2 WHERE billing_period = '2023-11'"))
                    .isEqualTo(samples.lineItems() - 1);
            assertThat(pipeline.countOrZeroWithoutTable(
                            "SELECT count(*) FROM billing.focus WHERE billing_period = '2023-11'"))
                    .isEqualTo(samples.lineItems());
        });
        assertThat(pipeline.query("SELECT typeof(resource_tags), typeof(product), typeof(cost_category), "
                                + "typeof(discount) FROM billing.cur2 LIMIT 1")
                        .get(0))
                .containsOnly("map<string,string>");
        assertThat(pipeline.count("SELECT count(*) FROM billing.cur2 WHERE resource_tags['user_team'] = 'storage'"))
                .isEqualTo(samples.tagged("storage"));
        assertThat(pipeline.count(
                        "SELECT count(*) FROM billing.cur2 WHERE element_at(resource_tags, 'user_team') = 'platform'"))
                .as("all platform line items but the one with the cut-short cell")
                .isEqualTo(samples.tagged("platform") - 1);
        CSVRecord s3LineItem = samples.lineItem(100);
        assertThat(pipeline.query("SELECT product['product_name'], product['to_region_code'] FROM billing.cur2 "
                                + "WHERE identity_line_item_id = '" + s3LineItem.get("identity/LineItemId") + "'")
                        .get(0))
                .containsExactly(
                        samples.product(s3LineItem).get("product_name"),
                        samples.product(s3LineItem).get("to_region_code"));
        List<List<Object>> quarantined =
                pipeline.query("SELECT line_number, reason, raw_text FROM billing.cur2_quarantine");
        assertThat(quarantined).hasSize(1);
        assertThat(quarantined.get(0).get(0)).as("the header is line 1").isEqualTo((long) broken + 2);
        assertThat(quarantined.get(0).get(1).toString())
                .startsWith("Cannot read field resource_tags: '{\"user_team\":\"platform\"'");
        assertThat(quarantined.get(0).get(2).toString())
                .contains(samples.lineItem(broken).get("identity/LineItemId"));

        assertThat(pipeline.query("SELECT typeof(tags), typeof(x_cost_categories), typeof(x_discounts) "
                                + "FROM billing.focus LIMIT 1")
                        .get(0))
                .containsOnly("map<string,string>");
        assertThat(pipeline.count("SELECT count(*) FROM billing.focus WHERE element_at(tags, 'user_team') = 'storage'"))
                .isEqualTo(samples.tagged("storage"));
        assertThat(pipeline.count(
                        "SELECT count(*) FROM billing.focus WHERE charge_category = 'Tax' AND size(tags) = 0"))
                .isEqualTo(samples.lineItems() - samples.tagged("storage") - samples.tagged("platform"));
    }

    @Test
    void realFocusExportWithUnquotedNullTokensLoadsEveryRowWithNullsAsNulls() throws Exception {
        byte[] focus = resource(REAL_FOCUS);
        ObjectNode manifest = exportManifest("focus-null-tokens-1");
        // The columns by name only, as a manifest without types has them: the crawl types them from the file.
        ArrayNode columns = manifest.putArray("columns");
        long zonesWithoutValue = 0;
        long contractedCostsWithoutValue = 0;
        long untagged = 0;
        long rows = 0;
        try (CSVParser parser = parse(focus)) {
            parser.getHeaderNames().forEach(columns::add);
            for (CSVRecord record : parser) {
                rows++;
                zonesWithoutValue += "NULL".equals(record.get("AvailabilityZone")) ? 1 : 0;
                contractedCostsWithoutValue += "NULL".equals(record.get("ContractedCost")) ? 1 : 0;
                untagged += "NULL".equals(record.get("Tags")) ? 1 : 0;
            }
        }
        long expectedRows = rows;

        putExport("focus-real", "2024-09", gzip(focus), manifest);

        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> assertThat(pipeline.countOrZeroWithoutTable(
                        "SELECT count(*) FROM billing.focus WHERE billing_period = '2024-09'"))
                .isEqualTo(expectedRows));
        assertThat(pipeline.countOrZeroWithoutTable(
                        "SELECT count(*) FROM billing.focus_quarantine " + "WHERE source_file LIKE '%focus-real%'"))
                .as("no row is quarantined")
                .isZero();
        String month = "FROM billing.focus WHERE billing_period = '2024-09'";
        assertThat(pipeline.count("SELECT count(*) " + month + " AND availability_zone IS NULL"))
                .isEqualTo(zonesWithoutValue)
                .isPositive();
        assertThat(pipeline.count("SELECT count(*) " + month + " AND availability_zone = 'NULL'"))
                .isZero();
        assertThat(pipeline.count("SELECT count(*) " + month + " AND contracted_cost IS NULL"))
                .isEqualTo(contractedCostsWithoutValue);
        assertThat(pipeline.count("SELECT count(*) " + month + " AND tags IS NULL"))
                .isEqualTo(untagged);
        assertThat(pipeline.query("SELECT typeof(tags), typeof(contracted_cost) FROM billing.focus LIMIT 1")
                        .get(0)
                        .get(0))
                .isEqualTo("map<string,string>");
    }

    /**
     * A FOCUS 1.0 export delivered in place (with a surplus chunk AWS emptied) and a FOCUS 1.2 export delivered to a
     * new execution folder, both announced as AWS announces them: the 1.2 execution by its own manifest and by the
     * period's, which must come to one delivery.
     */
    @Test
    void focus12AndFocus10ExportsOfOneMonthShareTheFocusTableAndEachRowRecordsItsVersion() throws Exception {
        String period = "2025-11";
        String root10 = "exports/focus10-docs/";
        String data10 = root10 + "data/BILLING_PERIOD=" + period + "/focus10-docs-0000";
        put(
                data10 + "1.csv.gz",
                DocumentedExports.csvGzip(
                        DocumentedExports.focus10Columns().keySet(), DocumentedExports.focus10LineItems()));
        put(data10 + "2.csv.gz", new byte[0]);
        put(
                root10 + "metadata/BILLING_PERIOD=" + period + "/focus10-docs-Manifest.json",
                JSON.writeValueAsBytes(DocumentedExports.manifest(
                        "focus10-exec-1",
                        DocumentedExports.exportArn("focus10-docs"),
                        DocumentedExports.focus10Columns(),
                        List.of(
                                "s3://" + BUCKET + "/" + data10 + "1.csv.gz",
                                "s3://" + BUCKET + "/" + data10 + "2.csv.gz"))));

        String execution = "7c1f0e9a-3b2d-4c5e-9f60-1a2b3c4d5e6f";
        String folder = "2025-11-20T08:15:02.306Z-" + execution + "/";
        String root12 = "exports/focus12-docs/";
        String data12 = root12 + "data/BILLING_PERIOD=" + period + "/" + folder + "focus12-docs-00001.csv.gz";
        put(
                data12,
                DocumentedExports.csvGzip(
                        DocumentedExports.focus12Columns().keySet(), DocumentedExports.focusLineItems()));
        byte[] manifest12 = JSON.writeValueAsBytes(DocumentedExports.manifest(
                execution,
                DocumentedExports.exportArn("focus12-docs"),
                DocumentedExports.focus12Columns(),
                List.of("s3://" + BUCKET + "/" + data12)));
        String metadata12 = root12 + "metadata/BILLING_PERIOD=" + period + "/";
        put(metadata12 + folder + "focus12-docs-Manifest.json", manifest12);
        put(metadata12 + "focus12-docs-Manifest.json", manifest12);

        String month = "FROM billing.focus WHERE billing_period = '" + period + "'";
        // Until the first of them loads, the table may lack x_focus_version.
        await().atMost(LOAD_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(pipeline.countOrZeroWithoutTable("SELECT count(*) " + month + " AND x_focus_version = '1.0'"))
                    .isEqualTo(3);
            assertThat(pipeline.countOrZeroWithoutTable("SELECT count(*) " + month + " AND x_focus_version = '1.2'"))
                    .isEqualTo(3);
        });
        assertThat(pipeline.query("SELECT DISTINCT report, x_focus_version " + month + " ORDER BY report"))
                .containsExactly(
                        List.of("s3://" + BUCKET + "/exports/focus10-docs", "1.0"),
                        List.of("s3://" + BUCKET + "/exports/focus12-docs", "1.2"));
        assertThat(pipeline.query("SELECT typeof(sku_price_details), typeof(billed_cost), typeof(charge_period_start), "
                                + "typeof(commitment_discount_quantity) FROM billing.focus LIMIT 1")
                        .get(0))
                .containsExactly("map<string,string>", "double", "timestamp", "double");
        assertThat(pipeline.query("SELECT sku_meter, sku_price_details['InstanceType'], invoice_id, "
                        + "capacity_reservation_status, pricing_currency, x_usage_type " + month
                        + " AND x_focus_version = '1.2' AND x_operation = 'RunInstances'"))
                .containsExactly(
                        Arrays.asList("EU-BoxUsage:m5.xlarge", "m5.xlarge", "EUINGB25-123456", "Used", "USD", null));
        assertThat(pipeline.query("SELECT x_usage_type, sku_meter " + month
                        + " AND x_focus_version = '1.0' AND x_operation = 'RunInstances'"))
                .as("1.0 rows keep their meter in x_UsageType")
                .containsExactly(Arrays.asList("EU-BoxUsage:m5.xlarge", null));
        assertThat(ledger("SELECT state FROM deliveries WHERE assembly_id = ?", execution))
                .as("one delivery for the execution's two manifests")
                .containsExactly("LOADED");
        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> assertThat(
                        ledger("SELECT reason FROM skipped_events WHERE assembly_id = ?", execution))
                .singleElement()
                .asString()
                .contains("already known"));
    }

    @Test
    void cur2ExportWithEveryOptionalTableConfigurationEvolvesTheTableAndKeepsEarlierMonths() throws Exception {
        putDocumentedCur2("cur2-docs", "2025-09", DocumentedExports.cur2Columns());
        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> assertThat(pipeline.countOrZeroWithoutTable(
                        "SELECT count(*) FROM billing.cur2 WHERE billing_period = '2025-09' " + "AND report = 's3://"
                                + BUCKET + "/exports/cur2-docs'"))
                .isEqualTo(2));
        java.util.Map<String, String> withOptional = new java.util.LinkedHashMap<>(DocumentedExports.cur2Columns());
        withOptional.putAll(DocumentedExports.cur2OptionalColumns());

        putDocumentedCur2("cur2-docs", "2025-10", withOptional);

        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> assertThat(pipeline.countOrZeroWithoutTable(
                        "SELECT count(*) FROM billing.cur2 WHERE billing_period = '2025-10' " + "AND report = 's3://"
                                + BUCKET + "/exports/cur2-docs'"))
                .isEqualTo(2));
        List<Object> types = pipeline.query("SELECT typeof(split_line_item_split_cost), "
                        + "typeof(split_line_item_parent_resource_id), typeof(cost_analytics_billed_rate), "
                        + "typeof(line_item_iam_principal), typeof(capacity_reservation_capacity_reservation_arn) "
                        + "FROM billing.cur2 LIMIT 1")
                .get(0);
        assertThat(types).containsExactly("double", "string", "double", "string", "string");
        assertThat(pipeline.query("SELECT split_line_item_split_cost, split_line_item_split_usage_ratio, "
                        + "split_line_item_parent_resource_id, line_item_iam_principal, "
                        + "capacity_reservation_capacity_reservation_status, cost_analytics_billed_rate, "
                        + "line_item_resource_id FROM billing.cur2 WHERE identity_line_item_id = 'line-2025-10-task'"))
                .containsExactly(List.of(
                        0.096,
                        0.5,
                        "i-0123456789abcdef0",
                        "arn:aws:iam::444455556666:role/deployer",
                        "Used",
                        0.192,
                        "arn:aws:ecs:eu-west-1:444455556666:task/cluster/0a1b"));
        assertThat(pipeline.count("SELECT count(*) FROM billing.cur2 WHERE billing_period = '2025-09' "
                        + "AND report = 's3://" + BUCKET + "/exports/cur2-docs' AND split_line_item_split_cost IS NULL "
                        + "AND line_item_unblended_cost IS NOT NULL"))
                .as("the month before the configurations keeps its rows, without values in their columns")
                .isEqualTo(2);
    }

    /** A CUR 2.0 export of a month delivered in place, its manifest as AWS writes it. */
    /**
     * billing.costs after a legacy CUR month, a CUR 2.0 month and a FOCUS month holds each line item once per source,
     * at each source's own total; the legacy CUR month delivered again as FOCUS (a migration) counts once, as FOCUS,
     * and the admin view names the CUR report as shadowed by the FOCUS export.
     */
    @Test
    void billingCostsHoldsEveryGenerationAtItsOwnTotalAndAMonthDeliveredTwiceCountsOnce() throws Exception {
        byte[] lineItems = resource(REAL_REPORT);
        DataExportSamples samples = DataExportSamples.of(lineItems);
        String folder = "cur/costs/20220101-20220201/";
        String assembly = "20220101-0000-4000-8000-0000000000c1";
        putDelivery(
                folder,
                assembly,
                "costs",
                lineItems,
                untypedManifest(lineItems, assembly, folder, "costs", "20220101"));
        ObjectNode cur2Manifest = exportManifest("costs-cur2-exec-2");
        ArrayNode cur2Columns = cur2Manifest.putArray("columns");
        DataExportSamples.cur2Columns()
                .forEach((name, type) ->
                        cur2Columns.addObject().put("name", name).put("type", type));
        putExport("costs-cur2", "2022-02", samples.cur2(-1), cur2Manifest);
        putExport("costs-focus", "2022-03", samples.focus(), focusManifest("costs-focus-exec-3"));

        await().atMost(LOAD_TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(costRows("2022-01", "cur")).isEqualTo(samples.lineItems());
            assertThat(costRows("2022-02", "cur2")).isEqualTo(samples.lineItems());
            assertThat(costRows("2022-03", "focus")).isEqualTo(samples.lineItems());
        });
        assertThat(billedCost("2022-01", "cur"))
                .isCloseTo(sum("line_item_unblended_cost", "billing.cur", "2022-01"), within(CENT_FRACTION));
        assertThat(billedCost("2022-02", "cur2"))
                .isCloseTo(sum("line_item_unblended_cost", "billing.cur2", "2022-02"), within(CENT_FRACTION));
        assertThat(billedCost("2022-03", "focus"))
                .isCloseTo(sum("billed_cost", "billing.focus", "2022-03"), within(CENT_FRACTION));
        assertThat(billedCost("2022-01", "cur")).isCloseTo(expectedCost(lineItems), within(CENT_FRACTION));

        putExport("costs-focus", "2022-01", samples.focus(), focusManifest("costs-focus-exec-1"));

        await().atMost(LOAD_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(costRows("2022-01", "focus")).isEqualTo(samples.lineItems()));
        assertThat(costRows("2022-01", "cur")).as("shadowed by the FOCUS month").isZero();
        assertThat(pipeline.count("SELECT count(*) FROM billing.cur WHERE billing_period = '2022-01'"))
                .as("billing.cur keeps its rows")
                .isEqualTo(samples.lineItems());
        assertThat(new BigDecimal(
                        pipeline.query("SELECT sum(billed_cost) FROM billing.costs WHERE billing_period = '2022-01'")
                                .get(0)
                                .get(0)
                                .toString()))
                .as("counted once")
                .isCloseTo(sum("billed_cost", "billing.focus", "2022-01"), within(CENT_FRACTION));
        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> {
            JsonNode sources = JSON.readTree(adminGet("/months/2022-01/sources"));
            assertThat(sources.get("feeds").findValuesAsText("source")).containsExactlyInAnyOrder("cur", "focus");
            assertThat(sources.get("shadowed")).isNotEmpty().allSatisfy(shadowed -> {
                assertThat(shadowed.get("source").asText()).isEqualTo("cur");
                assertThat(shadowed.get("report").asText()).isEqualTo("s3://" + BUCKET + "/cur/costs");
                assertThat(shadowed.get("bySource").asText()).isEqualTo("focus");
            });
        });
    }

    private static final BigDecimal CENT_FRACTION = new BigDecimal("0.000001");

    private static ObjectNode focusManifest(String executionId) {
        ObjectNode manifest = exportManifest(executionId);
        DataExportSamples.focusColumns().forEach(manifest.putArray("columns")::add);
        return manifest;
    }

    private long costRows(String period, String source) {
        return pipeline.countOrZeroWithoutTable(
                "SELECT count(*) FROM billing.costs WHERE billing_period = '%s' AND x_source = '%s'"
                        .formatted(period, source));
    }

    private BigDecimal billedCost(String period, String source) {
        return decimal("SELECT sum(billed_cost) FROM billing.costs WHERE billing_period = '%s' AND x_source = '%s'"
                .formatted(period, source));
    }

    /** A source's own total of a month, in its own cost column. */
    private BigDecimal sum(String column, String table, String period) {
        return decimal("SELECT CAST(sum(%s) AS DECIMAL(38,10)) FROM %s WHERE billing_period = '%s'"
                .formatted(column, table, period));
    }

    private BigDecimal decimal(String query) {
        Object sum = pipeline.query(query).get(0).get(0);
        return sum == null ? BigDecimal.ZERO : new BigDecimal(sum.toString());
    }

    private String adminGet(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                        + pipeline.services().port("billing-service") + "/admin" + path))
                                .header("Authorization", "Bearer " + LocalPipeline.ADMIN_TOKEN)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private void putDocumentedCur2(String export, String period, java.util.Map<String, String> columns)
            throws IOException {
        String data = "exports/" + export + "/data/BILLING_PERIOD=" + period + "/" + export + "-00001.csv.gz";
        put(data, DocumentedExports.csvGzip(columns.keySet(), DocumentedExports.cur2LineItems(period)));
        put(
                "exports/" + export + "/metadata/BILLING_PERIOD=" + period + "/" + export + "-Manifest.json",
                JSON.writeValueAsBytes(DocumentedExports.manifest(
                        export + "-" + period,
                        DocumentedExports.exportArn(export),
                        columns,
                        List.of("s3://" + BUCKET + "/" + data))));
    }

    /** An event for an earlier delivery's manifest arrives again, late: the ledger records it as skipped. */
    private void sendStaleEventAndAwaitItsSkip(String manifestKey, byte[] manifest, String assembly) {
        String staleRun = UUID.randomUUID().toString();
        pipeline.send(
                "tidewater-billing-reports",
                MessageJson.write(new ReportArrived(
                        staleRun, "billing-cur", BUCKET, manifestKey, null, null, manifest.length, Instant.now())));
        await().atMost(LOAD_TIMEOUT)
                .untilAsserted(() -> assertThat(ledger("SELECT reason FROM skipped_events WHERE run_id = ?", staleRun))
                        .singleElement()
                        .asString()
                        .contains("delivery " + assembly));
    }

    private static int firstLineItemOf(DataExportSamples samples, String productCode) {
        for (int index = 0; index < samples.lineItems(); index++) {
            if (productCode.equals(samples.lineItem(index).get("lineItem/ProductCode"))
                    && "Usage".equals(samples.lineItem(index).get("lineItem/LineItemType"))) {
                return index;
            }
        }
        throw new IllegalArgumentException("Cannot find a usage line item of " + productCode);
    }

    private static ObjectNode exportManifest(String executionId) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("executionId", executionId);
        return manifest;
    }

    /** A Data Export in AWS's layout and order: the data file, then the period's manifest. */
    private void putExport(String export, String period, byte[] data, ObjectNode manifest) throws IOException {
        String root = "exports/" + export + "/";
        put(root + "data/BILLING_PERIOD=" + period + "/" + export + "-00001.csv.gz", data);
        put(
                root + "metadata/BILLING_PERIOD=" + period + "/" + export + "-Manifest.json",
                JSON.writeValueAsBytes(manifest));
    }

    /** Data first, then the assembly's manifest, then the period's: AWS's order. */
    private void putDelivery(String folder, String assembly, String report, byte[] data, byte[] manifest) {
        String dataKey = folder + assembly + "/" + report + "-1.csv" + (isGzip(data) ? ".gz" : "");
        put(dataKey, data);
        put(folder + assembly + "/" + report + "-Manifest.json", manifest);
        put(folder + report + "-Manifest.json", manifest);
    }

    private void put(String key, byte[] bytes) {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(pipeline.stack().s3Endpoint()))
                .region(Region.of(pipeline.stack().region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
        }
    }

    private long rows(String period) {
        return pipeline.count("SELECT count(*) FROM billing.cur WHERE billing_period = '" + period + "'");
    }

    private long reportRows(String period, String reportName) {
        return pipeline.countOrZeroWithoutTable(
                "SELECT count(*) FROM billing.cur WHERE billing_period = '%s' AND report = 's3://%s/cur/%s'"
                        .formatted(period, BUCKET, reportName));
    }

    private BigDecimal unblendedCost(String period) {
        Object sum = pipeline.query(
                        "SELECT sum(line_item_unblended_cost) FROM billing.cur WHERE billing_period = '" + period + "'")
                .get(0)
                .get(0);
        return sum == null ? BigDecimal.ZERO : new BigDecimal(sum.toString());
    }

    /** The fixture's own total, each value rounded to the table's decimal(38,10) as the loader stores it. */
    private static BigDecimal expectedCost(byte[] csv) throws IOException {
        BigDecimal total = BigDecimal.ZERO;
        try (CSVParser parser = parse(csv)) {
            for (CSVRecord record : parser) {
                String value = record.get("lineItem/UnblendedCost");
                if (!value.isBlank()) {
                    total = total.add(new BigDecimal(value).setScale(10, RoundingMode.HALF_UP));
                }
            }
        }
        return total;
    }

    private List<String> ledger(String sql, String parameter) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection("jdbc:sqlite:" + dataDirectory.resolve("billing-service.db"));
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
            return values;
        }
    }

    /** A manifest like AWS's before 2019: the columns in file order, untyped. */
    private static byte[] untypedManifest(byte[] csv, String assembly, String folder, String report, String start)
            throws IOException {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("assemblyId", assembly);
        manifest.put("account", "123456789012");
        ArrayNode columns = manifest.putArray("columns");
        try (CSVParser parser = parse(csv)) {
            for (String name : parser.getHeaderNames()) {
                int slash = name.indexOf('/');
                columns.addObject().put("category", name.substring(0, slash)).put("name", name.substring(slash + 1));
            }
        }
        manifest.put("charset", "UTF-8");
        manifest.put("compression", "GZIP");
        manifest.put("contentType", "text/csv");
        manifest.put("reportName", report);
        String end = YearMonthText.next(start);
        manifest.putObject("billingPeriod").put("start", start + "T000000.000Z").put("end", end + "T000000.000Z");
        manifest.put("bucket", BUCKET);
        manifest.putArray("reportKeys").add(folder + assembly + "/" + report + "-1.csv" + (isGzip(csv) ? ".gz" : ""));
        return JSON.writeValueAsBytes(manifest);
    }

    private static byte[] manifest(byte[] real, String assembly, String reportKey) throws IOException {
        ObjectNode manifest = (ObjectNode) JSON.readTree(real);
        manifest.put("assemblyId", assembly);
        manifest.putArray("reportKeys").add(reportKey);
        return JSON.writeValueAsBytes(manifest);
    }

    private static byte[] withoutColumns(byte[] csv, Predicate<String> drop) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CSVParser parser = parse(csv);
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(
                        writer,
                        CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            List<Integer> keep = new ArrayList<>();
            List<String> header = parser.getHeaderNames();
            for (int index = 0; index < header.size(); index++) {
                if (!drop.test(header.get(index))) {
                    keep.add(index);
                }
            }
            printer.printRecord(keep.stream().map(header::get).toList());
            for (CSVRecord record : parser) {
                printer.printRecord(keep.stream().map(record::get).toList());
            }
        }
        return out.toByteArray();
    }

    private static byte[] firstRows(byte[] csv, int rows) {
        String text = new String(csv, StandardCharsets.UTF_8);
        int end = 0;
        for (int line = 0; line <= rows; line++) {
            end = text.indexOf('\n', end) + 1;
        }
        return text.substring(0, end).getBytes(StandardCharsets.UTF_8);
    }

    private static CSVParser parse(byte[] csv) throws IOException {
        Reader reader = new InputStreamReader(
                isGzip(csv)
                        ? new GZIPInputStream(new java.io.ByteArrayInputStream(csv))
                        : new java.io.ByteArrayInputStream(csv),
                StandardCharsets.UTF_8);
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(reader);
    }

    private static boolean isGzip(byte[] bytes) {
        return bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BillingPipelineIT.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("Cannot read " + name + ": no such test resource");
            }
            return in.readAllBytes();
        }
    }

    /** {@code yyyyMMdd} of the first day of the next month. */
    private static final class YearMonthText {
        static String next(String start) {
            java.time.YearMonth month = java.time.YearMonth.of(
                    Integer.parseInt(start.substring(0, 4)), Integer.parseInt(start.substring(4, 6)));
            return month.plusMonths(1).atDay(1).toString().replace("-", "");
        }
    }
}
