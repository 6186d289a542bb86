package io.tidewater.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidewater.local.fixtures.LocalPipeline;
import io.tidewater.local.fixtures.SharedPipeline;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real S3 Inventory reports uploaded through the S3 API of the embedded stack, in AWS's layout and order, end in
 * {@code inventory.objects}: S3 event, trigger, inventory service, loader, Iceberg.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipeline.class)
class InventoryPipelineIT {

    private static final String SAMPLES = "/samples/orcabus-filemanager-inventory/";
    private static final String BUCKET = "tidewater-inventory";
    private static final String SOURCE = "filemanager-inventory-test";
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    private LocalPipeline pipeline;

    @BeforeAll
    void usePipeline(LocalPipeline shared) {
        pipeline = shared;
    }

    @Test
    void csvReportLoadsItsRowsWithTypedColumnsAndDecodedKeys() {
        uploadReport("csv-config", "2024-05-07T01-00Z", "csv_inventory");

        await().atMost(LOAD_TIMEOUT)
                .untilAsserted(() -> assertThat(rowsOf("csv-config")).isEqualTo(5));

        List<List<Object>> rows = pipeline.query(
                "SELECT key, version_id, is_latest, is_delete_marker, size, "
                        + "CAST(last_modified_date AS STRING), storage_class FROM inventory.objects "
                        + "WHERE inventory_configuration = 'csv-config' AND key = 'inventory-test/key2' ORDER BY last_modified_date");
        assertThat(rows)
                .containsExactly(
                        List.of(
                                "inventory-test/key2",
                                "zl_C7NLxrkBsMFD5HQUdybrmuV9VpvkN",
                                false,
                                false,
                                5L,
                                "2024-05-06 22:45:34",
                                "STANDARD"),
                        nullsAllowed(
                                "inventory-test/key2",
                                "gdN1exfZmD7m713patv8dlQ7fTNwle3v",
                                true,
                                true,
                                null,
                                "2024-05-06 22:46:14",
                                null));
    }

    @Test
    void redeliveredCompletionMarkerLoadsNothingTwice() {
        uploadReport("redelivered", "2024-05-07T01-00Z", "csv_inventory_no_version");
        await().atMost(LOAD_TIMEOUT)
                .untilAsserted(() -> assertThat(rowsOf("redelivered")).isEqualTo(2));

        String checksumKey = "inventory/" + SOURCE + "/redelivered/2024-05-07T01-00Z/manifest.checksum";
        pipeline.upload(BUCKET, checksumKey, SAMPLES + "csv_inventory_no_version_manifest.checksum");
        pipeline.upload(BUCKET, checksumKey, SAMPLES + "csv_inventory_no_version_manifest.checksum");

        await().pollDelay(Duration.ofSeconds(5)).atMost(LOAD_TIMEOUT).untilAsserted(() -> {
            assertThat(pipeline.peek("tidewater-load-jobs")).isEmpty();
            assertThat(rowsOf("redelivered")).isEqualTo(2);
        });
    }

    @Test
    void orcAndParquetReportsLoadIntoTheSameTypedColumns() {
        uploadReport("orc-config", "2024-05-07T01-00Z", "orc_inventory");
        uploadReport("parquet-config", "2024-05-07T01-00Z", "parquet_inventory");

        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> {
            assertThat(rowsOf("orc-config")).isPositive();
            assertThat(rowsOf("parquet-config")).isPositive();
        });
        String typedRow = "SELECT key, is_latest, size, CAST(last_modified_date AS STRING), storage_class "
                + "FROM inventory.objects WHERE inventory_configuration = '%s' AND key = 'inventory-test/key1' AND is_latest";
        List<Object> expected = List.of("inventory-test/key1", true, 5L, "2024-05-06 22:44:22", "STANDARD");
        assertThat(pipeline.query(typedRow.formatted("orc-config"))).containsExactly(expected);
        assertThat(pipeline.query(typedRow.formatted("parquet-config"))).containsExactly(expected);
    }

    @Test
    void checksumMismatchIsRejectedWithAClearMessageAndLoadsNothing() {
        String folder = "inventory/" + SOURCE + "/tampered/2024-05-07T01-00Z/";
        pipeline.upload(
                BUCKET,
                "inventory/" + SOURCE + "/tampered/data/csv_inventory.csv.gz",
                SAMPLES + "csv_inventory.csv.gz");
        pipeline.upload(BUCKET, folder + "manifest.json", SAMPLES + "csv_inventory_manifest.json");
        pipeline.uploadText(BUCKET, folder + "manifest.checksum", "00000000000000000000000000000000\n");

        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> assertThat(pipeline.peek("tidewater-inventory-reports-dlq"))
                .anySatisfy(message -> assertThat(message.messageAttributes()
                                .get("tidewater-failure-reason")
                                .stringValue())
                        .contains("manifest.json has MD5 aba9b0a905f716a38bb3472b590cf2a5")
                        .contains("manifest.checksum says 00000000000000000000000000000000")));
        assertThat(pipeline.peek("tidewater-load-jobs")).isEmpty();
    }

    @Test
    void malformedEventGoesToTheDeadLetterQueueWithItsReason() {
        pipeline.send("tidewater-s3-events", "{\"not\": \"an event\"}");

        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> assertThat(pipeline.peek("tidewater-s3-events-dlq"))
                .anySatisfy(message -> assertThat(message.messageAttributes()
                                .get("tidewater-failure-reason")
                                .stringValue())
                        .startsWith("Cannot read S3 event: the body has neither Records")));
    }

    /** Uploads a sample report in AWS's layout and order: data file, manifest.json, manifest.checksum last. */
    private void uploadReport(String configurationId, String timestamp, String sample) {
        String configuration = "inventory/" + SOURCE + "/" + configurationId + "/";
        String dataFile = sample.startsWith("orc")
                ? sample + ".orc"
                : sample.startsWith("parquet") ? sample + ".parquet" : sample + ".csv.gz";
        pipeline.upload(BUCKET, configuration + "data/" + dataFile, SAMPLES + dataFile);
        pipeline.upload(BUCKET, configuration + timestamp + "/manifest.json", SAMPLES + sample + "_manifest.json");
        pipeline.upload(
                BUCKET, configuration + timestamp + "/manifest.checksum", SAMPLES + sample + "_manifest.checksum");
    }

    private long rowsOf(String configurationId) {
        return pipeline.countOrZeroWithoutTable(
                "SELECT count(*) FROM inventory.objects WHERE inventory_configuration = '" + configurationId + "'");
    }

    private static List<Object> nullsAllowed(Object... values) {
        return java.util.Arrays.asList(values);
    }
}
