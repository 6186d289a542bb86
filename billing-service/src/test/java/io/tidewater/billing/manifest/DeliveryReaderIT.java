package io.tidewater.billing.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.contract.SourceFormat;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Manifests and data files in AWS's layouts, served by S3Proxy over the S3 protocol: legacy CUR (period and assembly
 * manifests, an empty report prefix) and Data Exports (overwrite and create-new deliveries, manifests as the Data
 * Exports manifest reference describes them).
 */
class DeliveryReaderIT {

    private static final String BUCKET = "billing";
    private static final String OTHER_BUCKET = "elsewhere";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] CSV_GZ = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private static S3Proxy server;
    private static S3Client s3;

    private DeliveryReader reader;
    /** Every test works under its own prefix of the shared bucket. */
    private String prefix;

    @BeforeAll
    static void startS3() throws Exception {
        TransientNio2BlobStore store = new TransientNio2BlobStore();
        store.createContainer(BUCKET);
        store.createContainer(OTHER_BUCKET);
        URI endpoint = URI.create("http://127.0.0.1:" + freePort());
        server = S3Proxy.builder()
                .blobStore(store)
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .ignoreUnknownHeaders(true)
                .build();
        server.start();
        s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .forcePathStyle(true)
                .build();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
        server.stop();
    }

    @BeforeEach
    void newPrefix() {
        reader = new DeliveryReader(s3);
        prefix = "t-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    }

    @Nested
    class LegacyCur {

        private static final String ASSEMBLY = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

        @Test
        void periodManifestResolvesItsReportKeysAndDeclaresItsTypedColumns() throws IOException {
            String period = prefix + "cur/daily/20240201-20240301/";
            put(period + ASSEMBLY + "/daily-1.csv.gz", CSV_GZ);
            put(period + ASSEMBLY + "/daily-2.csv.gz", CSV_GZ);
            put(
                    period + "daily-Manifest.json",
                    curManifest(
                            "daily",
                            ASSEMBLY,
                            "20240201T000000.000Z",
                            period + ASSEMBLY + "/daily-1.csv.gz",
                            period + ASSEMBLY + "/daily-2.csv.gz"));

            BillingDelivery delivery = reader.read(BUCKET, period + "daily-Manifest.json");

            assertThat(delivery).isInstanceOf(LegacyCurDelivery.class);
            assertThat(delivery.kind()).isEqualTo("legacy-cur");
            assertThat(delivery.assemblyId()).isEqualTo(ASSEMBLY);
            assertThat(delivery.billingPeriod()).isEqualTo(YearMonth.of(2024, 2));
            assertThat(delivery.report()).isEqualTo("s3://billing/" + prefix + "cur/daily");
            assertThat(delivery.format()).isEqualTo(SourceFormat.CSV);
            assertThat(delivery.files())
                    .containsExactly(
                            new DeliveryFile(period + ASSEMBLY + "/daily-1.csv.gz", CSV_GZ.length),
                            new DeliveryFile(period + ASSEMBLY + "/daily-2.csv.gz", CSV_GZ.length));
            assertThat(delivery.declaredColumns())
                    .containsExactly(
                            new ManifestColumn("identity/LineItemId", "String"),
                            new ManifestColumn("lineItem/UnblendedCost", "BigDecimal"),
                            new ManifestColumn("lineItem/UsageStartDate", "DateTime"));
            assertThat(delivery.manifestModifiedAt()).isNotNull();
        }

        @Test
        void assemblyManifestIsTheSameDeliveryAsThePeriodManifest() throws IOException {
            String period = prefix + "cur/daily/20240201-20240301/";
            put(period + ASSEMBLY + "/daily-1.csv.gz", CSV_GZ);
            byte[] manifest =
                    curManifest("daily", ASSEMBLY, "20240201T000000.000Z", period + ASSEMBLY + "/daily-1.csv.gz");
            put(period + "daily-Manifest.json", manifest);
            put(period + ASSEMBLY + "/daily-Manifest.json", manifest);

            BillingDelivery fromPeriod = reader.read(BUCKET, period + "daily-Manifest.json");
            BillingDelivery fromAssembly = reader.read(BUCKET, period + ASSEMBLY + "/daily-Manifest.json");

            assertThat(fromAssembly.assemblyId()).isEqualTo(fromPeriod.assemblyId());
            assertThat(fromAssembly.report()).isEqualTo(fromPeriod.report());
            assertThat(fromAssembly.files()).isEqualTo(fromPeriod.files());
        }

        @Test
        void emptyReportPrefixGivesReportKeysALeadingSlash() throws IOException {
            // With no prefix, AWS writes the report to the bucket's root and lists "/report/..." keys.
            String period = prefix + "koku/20180701-20180801/";
            put(period + ASSEMBLY + "/koku-1.csv.gz", CSV_GZ);
            put(
                    period + "koku-Manifest.json",
                    curManifest("koku", ASSEMBLY, "20180701T000000.000Z", "/" + period + ASSEMBLY + "/koku-1.csv.gz"));

            BillingDelivery delivery = reader.read(BUCKET, period + "koku-Manifest.json");

            assertThat(delivery.files())
                    .extracting(DeliveryFile::key)
                    .containsExactly(period + ASSEMBLY + "/koku-1.csv.gz");
            assertThat(delivery.billingPeriod()).isEqualTo(YearMonth.of(2018, 7));
            assertThat(delivery.report()).isEqualTo("s3://billing/" + prefix + "koku");
        }

        @Test
        void reportCopiedUnderAnotherPrefixIsFoundBesideItsManifest() throws IOException {
            String copy = prefix + "copies/march/";
            put(copy + "daily-1.csv.gz", CSV_GZ);
            put(
                    copy + "daily-Manifest.json",
                    curManifest(
                            "daily",
                            ASSEMBLY,
                            "20240301T000000.000Z",
                            "original/daily/20240301-20240401/" + ASSEMBLY + "/daily-1.csv.gz"));

            BillingDelivery delivery = reader.read(BUCKET, copy + "daily-Manifest.json");

            assertThat(delivery.files()).extracting(DeliveryFile::key).containsExactly(copy + "daily-1.csv.gz");
        }

        @Test
        void missingReportFileIsNamedWithEveryPlaceLookedAt() throws IOException {
            String period = prefix + "cur/daily/20240201-20240301/";
            put(
                    period + "daily-Manifest.json",
                    curManifest("daily", ASSEMBLY, "20240201T000000.000Z", period + ASSEMBLY + "/daily-1.csv.gz"));

            assertThatThrownBy(() -> reader.read(BUCKET, period + "daily-Manifest.json"))
                    .isInstanceOf(InvalidDeliveryException.class)
                    .hasMessageStartingWith(
                            "Cannot find report file " + period + ASSEMBLY + "/daily-1.csv.gz of manifest "
                                    + "s3://billing/" + period + "daily-Manifest.json: looked at [")
                    .hasMessageContaining(period + "daily-1.csv.gz");
        }

        @Test
        void manifestMissingItsEssentialsIsRefusedWithEveryProblem() {
            String key = prefix + "cur/daily/20240201-20240301/daily-Manifest.json";
            put(key, "{\"reportName\":\"daily\"}".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> reader.read(BUCKET, key))
                    .isInstanceOf(InvalidDeliveryException.class)
                    .hasMessage("Cannot accept CUR manifest s3://billing/" + key
                            + ": no assemblyId, no billingPeriod.start, no reportKeys, no columns");
        }

        @Test
        void billingPeriodStartInAnotherFormIsRefused() throws IOException {
            String period = prefix + "cur/daily/20240201-20240301/";
            put(period + "daily-1.csv.gz", CSV_GZ);
            put(period + "daily-Manifest.json", curManifest("daily", ASSEMBLY, "Feb 2024", period + "daily-1.csv.gz"));

            assertThatThrownBy(() -> reader.read(BUCKET, period + "daily-Manifest.json"))
                    .isInstanceOf(InvalidDeliveryException.class)
                    .hasMessage("Cannot read billing period of CUR manifest s3://billing/" + period
                            + "daily-Manifest.json: start 'Feb 2024' is not yyyyMMddTHHmmss.SSSZ");
        }

        @Test
        void parquetReportIsReadAsParquet() throws IOException {
            String folder = prefix + "cur/athena/athena/year=2024/month=2/";
            put(folder + "athena-00001.snappy.parquet", CSV_GZ);
            put(
                    folder + "athena-Manifest.json",
                    curManifest("athena", ASSEMBLY, "20240201T000000.000Z", folder + "athena-00001.snappy.parquet"));

            assertThat(reader.read(BUCKET, folder + "athena-Manifest.json").format())
                    .isEqualTo(SourceFormat.PARQUET);
        }

        @Test
        void dataFileOfAnUnknownFormatIsRefused() throws IOException {
            String period = prefix + "cur/daily/20240201-20240301/";
            put(period + "daily-1.csv.zip", CSV_GZ);
            put(
                    period + "daily-Manifest.json",
                    curManifest("daily", ASSEMBLY, "20240201T000000.000Z", period + "daily-1.csv.zip"));

            assertThatThrownBy(() -> reader.read(BUCKET, period + "daily-Manifest.json"))
                    .isInstanceOf(InvalidDeliveryException.class)
                    .hasMessage(
                            "Cannot read delivery s3://billing/" + period + "daily-Manifest.json: unknown data file "
                                    + "format " + period + "daily-1.csv.zip (expected .csv.gz, .csv or .parquet)");
        }
    }

    @Nested
    class Manifests {

        @Test
        void missingManifestIsNamed() {
            String key = prefix + "cur/daily/20240201-20240301/daily-Manifest.json";

            assertThatThrownBy(() -> reader.read(BUCKET, key))
                    .isInstanceOf(InvalidDeliveryException.class)
                    .hasMessage("Cannot read s3://billing/" + key + ": no such object");
        }

        @Test
        void manifestThatIsNotJsonIsRefused() {
            String key = prefix + "exports/focus/metadata/BILLING_PERIOD=2024-02/focus-Manifest.json";
            put(key, "{\"executionId\": ".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> reader.read(BUCKET, key))
                    .isInstanceOf(InvalidDeliveryException.class)
                    .hasMessageStartingWith("Cannot read manifest s3://billing/" + key + ": ");
        }

        @Test
        void exportManifestOutsideTheMetadataFolderIsRefused() {
            String key = prefix + "exports/focus/BILLING_PERIOD=2024-02/focus-Manifest.json";
            put(key, "{}".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> reader.read(BUCKET, key))
                    .isInstanceOf(InvalidDeliveryException.class)
                    .hasMessage("Cannot accept Data Exports manifest s3://billing/" + key
                            + ": expected <export>/metadata/BILLING_PERIOD=YYYY-MM/");
        }
    }

    @Nested
    class DataExportsOverwritingTheReport {

        @Test
        void awsManifestGivesTheExecutionTheArnTheTypedColumnsAndTheDataFiles() throws IOException {
            String data = prefix + "exports/focus-daily/data/BILLING_PERIOD=2025-11/focus-daily-0000";
            put(data + "1.csv.gz", CSV_GZ);
            put(data + "2.csv.gz", CSV_GZ);
            String athena = prefix + "exports/focus-daily/metadata/BILLING_PERIOD=2025-11/crawler-cfn.yml";
            put(athena, "Resources: {}".getBytes(StandardCharsets.UTF_8));
            ObjectNode manifest = exportManifest("exec-1", uri(data + "1.csv.gz"), uri(data + "2.csv.gz"));
            manifest.putArray("additionalOutputFiles")
                    .addObject()
                    .put("type", "ATHENA")
                    .put("path", uri(athena));
            String key = putExportManifest("focus-daily", "2025-11", manifest);

            BillingDelivery delivery = reader.read(BUCKET, key);

            assertThat(delivery).isInstanceOfSatisfying(DataExportDelivery.class, export -> {
                assertThat(export.exportName()).isEqualTo("focus-daily");
                assertThat(export.exportArn()).isEqualTo(arn("focus-daily"));
            });
            assertThat(delivery.kind()).isEqualTo("data-export");
            assertThat(delivery.assemblyId()).isEqualTo("exec-1");
            assertThat(delivery.billingPeriod()).isEqualTo(YearMonth.of(2025, 11));
            assertThat(delivery.report())
                    .as("the export's folder, not its ARN")
                    .isEqualTo("s3://billing/" + prefix + "exports/focus-daily");
            assertThat(delivery.files())
                    .containsExactly(
                            new DeliveryFile(data + "1.csv.gz", CSV_GZ.length),
                            new DeliveryFile(data + "2.csv.gz", CSV_GZ.length));
            assertThat(delivery.declaredColumns())
                    .containsExactly(
                            new ManifestColumn("BilledCost", "double"),
                            new ManifestColumn("ChargePeriodStart", "timestamp_milliseconds"),
                            new ManifestColumn("Tags", "map<string,string>"),
                            new ManifestColumn("x_Discounts", "map<string,double>"));
        }

        @Test
        void chunksAwsEmptiedAreLeftOut() throws IOException {
            String data = prefix + "exports/cur2/data/BILLING_PERIOD=2025-11/cur2-0000";
            put(data + "1.csv.gz", CSV_GZ);
            put(data + "2.csv.gz", new byte[0]);
            String key = putExportManifest(
                    "cur2", "2025-11", exportManifest("exec-2", uri(data + "1.csv.gz"), uri(data + "2.csv.gz")));

            assertThat(reader.read(BUCKET, key).files())
                    .extracting(DeliveryFile::key)
                    .containsExactly(data + "1.csv.gz");
        }

        @Test
        void deliveryWhoseChunksAreAllEmptyIsRefused() throws IOException {
            String data = prefix + "exports/cur2/data/BILLING_PERIOD=2025-11/cur2-0000";
            put(data + "1.csv.gz", new byte[0]);
            put(data + "2.csv.gz", new byte[0]);
            String key = putExportManifest(
                    "cur2", "2025-11", exportManifest("exec-3", uri(data + "1.csv.gz"), uri(data + "2.csv.gz")));

            assertThatThrownBy(() -> reader.read(BUCKET, key))
                    .isInstanceOf(InvalidDeliveryException.class)
                    .hasMessage(
                            "Cannot accept Data Exports manifest s3://billing/" + key + ": all 2 data files are empty");
        }

        @Test
        void everyMissingDataFileIsNamed() throws IOException {
            String data = prefix + "exports/cur2/data/BILLING_PERIOD=2025-11/cur2-0000";
            put(data + "2.csv.gz", CSV_GZ);
            String key = putExportManifest(
                    "cur2",
                    "2025-11",
                    exportManifest("exec-4", uri(data + "1.csv.gz"), uri(data + "2.csv.gz"), uri(data + "3.csv.gz")));

            assertThatThrownBy(() -> reader.read(BUCKET, key))
                    .isInstanceOf(InvalidDeliveryException.class)
                    .hasMessage("Cannot find data file " + uri(data + "1.csv.gz") + " of manifest s3://billing/" + key
                            + "; Cannot find data file " + uri(data + "3.csv.gz") + " of manifest s3://billing/" + key);
        }

        @Test
        void dataFileInAnotherBucketIsRefusedRatherThanRead() throws IOException {
            String data = prefix + "exports/cur2/data/BILLING_PERIOD=2025-11/cur2-00001.csv.gz";
            s3.putObject(request -> request.bucket(OTHER_BUCKET).key(data), RequestBody.fromBytes(CSV_GZ));
            String elsewhere = "s3://" + OTHER_BUCKET + "/" + data;
            String key = putExportManifest("cur2", "2025-11", exportManifest("exec-5", elsewhere));

            assertThatThrownBy(() -> reader.read(BUCKET, key))
                    .isInstanceOf(InvalidDeliveryException.class)
                    .hasMessage("Cannot read data file " + elsewhere + " of manifest s3://billing/" + key
                            + ": it is in bucket 'elsewhere', not in the manifest's bucket 'billing'");
        }

        @Test
        void manifestWithoutDataFilesIsResolvedByListingThePeriodsDataFolder() throws IOException {
            String folder = prefix + "exports/cur2/data/BILLING_PERIOD=2025-11/";
            put(folder + "cur2-00001.snappy.parquet", CSV_GZ);
            put(folder + "cur2-00002.snappy.parquet", CSV_GZ);
            put(folder + "cur2-create-table.sql", "CREATE TABLE".getBytes(StandardCharsets.UTF_8));
            ObjectNode manifest = JSON.createObjectNode().put("executionId", "exec-6");
            String key = putExportManifest("cur2", "2025-11", manifest);

            BillingDelivery delivery = reader.read(BUCKET, key);

            assertThat(delivery.files())
                    .extracting(DeliveryFile::key)
                    .containsExactly(folder + "cur2-00001.snappy.parquet", folder + "cur2-00002.snappy.parquet");
            assertThat(delivery.format()).isEqualTo(SourceFormat.PARQUET);
            assertThat(delivery.declaredColumns()).isEmpty();
            assertThat(((DataExportDelivery) delivery).exportArn()).isEmpty();
        }

        @Test
        void manifestWithoutExecutionIdIsToldApartByItsContent() throws IOException {
            String data = prefix + "exports/cur2/data/BILLING_PERIOD=2025-11/cur2-00001.csv.gz";
            put(data, CSV_GZ);
            ObjectNode manifest = JSON.createObjectNode();
            manifest.putArray("dataFiles").add(uri(data));
            String key = putExportManifest("cur2", "2025-11", manifest);

            String first = reader.read(BUCKET, key).assemblyId();
            put(key, JSON.writeValueAsBytes(manifest));
            String again = reader.read(BUCKET, key).assemblyId();
            manifest.putArray("columns")
                    .addObject()
                    .put("name", "line_item_unblended_cost")
                    .put("type", "double");
            put(key, JSON.writeValueAsBytes(manifest));
            String changed = reader.read(BUCKET, key).assemblyId();

            assertThat(first).startsWith("etag-").isEqualTo(again);
            assertThat(changed).startsWith("etag-").isNotEqualTo(first);
        }
    }

    @Nested
    class DataExportsCreatingANewReport {

        private static final String EXECUTION = "3695a728-d559-40bd-ac30-ffc97b552489";
        private static final String FOLDER = "2024-05-18T20:16:37.306Z-" + EXECUTION + "/";
        private static final String EARLIER = "2024-05-17T20:11:02.114Z-11111111-2222-4333-8444-555555555555/";

        @Test
        void executionManifestAndPeriodManifestAnnounceOneDelivery() throws IOException {
            String data = prefix + "exports/cur2/data/BILLING_PERIOD=2024-05/";
            put(data + EARLIER + "cur2-00001.csv.gz", CSV_GZ);
            put(data + FOLDER + "cur2-00001.csv.gz", CSV_GZ);
            byte[] manifest =
                    JSON.writeValueAsBytes(exportManifest(EXECUTION, uri(data + FOLDER + "cur2-00001.csv.gz")));
            String metadata = prefix + "exports/cur2/metadata/BILLING_PERIOD=2024-05/";
            put(metadata + FOLDER + "cur2-Manifest.json", manifest);
            put(metadata + "cur2-Manifest.json", manifest);

            BillingDelivery fromExecution = reader.read(BUCKET, metadata + FOLDER + "cur2-Manifest.json");
            BillingDelivery fromPeriod = reader.read(BUCKET, metadata + "cur2-Manifest.json");

            assertThat(fromExecution.assemblyId())
                    .isEqualTo(fromPeriod.assemblyId())
                    .isEqualTo(EXECUTION);
            assertThat(fromExecution.report())
                    .isEqualTo(fromPeriod.report())
                    .isEqualTo("s3://billing/" + prefix + "exports/cur2");
            assertThat(fromExecution.billingPeriod()).isEqualTo(fromPeriod.billingPeriod());
            assertThat(fromExecution.files())
                    .isEqualTo(fromPeriod.files())
                    .extracting(DeliveryFile::key)
                    .containsExactly(data + FOLDER + "cur2-00001.csv.gz");
        }

        @Test
        void listingWithoutDataFilesTakesOnlyThisExecutionsFolder() throws IOException {
            String data = prefix + "exports/cur2/data/BILLING_PERIOD=2024-05/";
            put(data + EARLIER + "cur2-00001.csv.gz", CSV_GZ);
            put(data + FOLDER + "cur2-00001.csv.gz", CSV_GZ);
            put(data + FOLDER + "cur2-00002.csv.gz", CSV_GZ);
            String key =
                    putExportManifest("cur2", "2024-05", JSON.createObjectNode().put("executionId", EXECUTION));

            assertThat(reader.read(BUCKET, key).files())
                    .extracting(DeliveryFile::key)
                    .containsExactly(data + FOLDER + "cur2-00001.csv.gz", data + FOLDER + "cur2-00002.csv.gz");
        }
    }

    private ObjectNode exportManifest(String executionId, String... dataFiles) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("executionId", executionId);
        manifest.put("exportArn", arn("focus-daily"));
        ArrayNode columns = manifest.putArray("columns");
        columns.addObject().put("name", "BilledCost").put("type", "double");
        columns.addObject().put("name", "ChargePeriodStart").put("type", "timestamp_milliseconds");
        columns.addObject().put("name", "Tags").put("type", "map<string,string>");
        columns.addObject().put("name", "x_Discounts").put("type", "map<string,double>");
        ArrayNode files = manifest.putArray("dataFiles");
        for (String file : dataFiles) {
            files.add(file);
        }
        manifest.putArray("additionalOutputFiles");
        return manifest;
    }

    private String putExportManifest(String export, String period, ObjectNode manifest) throws IOException {
        String key =
                prefix + "exports/" + export + "/metadata/BILLING_PERIOD=" + period + "/" + export + "-Manifest.json";
        put(key, JSON.writeValueAsBytes(manifest));
        return key;
    }

    private static String arn(String export) {
        return "arn:aws:bcm-data-exports:us-east-1:111122223333:export/" + export + "-0a1b2c3d";
    }

    private static String uri(String key) {
        return "s3://" + BUCKET + "/" + key;
    }

    /** A legacy CUR manifest as AWS writes it since 2019, with typed columns. */
    private static byte[] curManifest(String report, String assembly, String start, String... reportKeys)
            throws IOException {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("assemblyId", assembly);
        manifest.put("account", "111122223333");
        ArrayNode columns = manifest.putArray("columns");
        columns.addObject()
                .put("category", "identity")
                .put("name", "LineItemId")
                .put("type", "String");
        columns.addObject()
                .put("category", "lineItem")
                .put("name", "UnblendedCost")
                .put("type", "BigDecimal");
        columns.addObject()
                .put("category", "lineItem")
                .put("name", "UsageStartDate")
                .put("type", "DateTime");
        manifest.put("charset", "UTF-8");
        manifest.put("compression", "GZIP");
        manifest.put("contentType", "text/csv");
        manifest.put("reportId", "a".repeat(64));
        manifest.put("reportName", report);
        manifest.putObject("billingPeriod").put("start", start).put("end", start);
        manifest.put("bucket", BUCKET);
        ArrayNode keys = manifest.putArray("reportKeys");
        for (String key : reportKeys) {
            keys.add(key);
        }
        return JSON.writeValueAsBytes(manifest);
    }

    private static void put(String key, byte[] bytes) {
        s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
