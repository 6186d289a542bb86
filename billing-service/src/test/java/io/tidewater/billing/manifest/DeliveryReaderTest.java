package io.tidewater.billing.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.contract.SourceFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.YearMonth;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * Deliveries as AWS lays them out, read from an in-memory S3 (S3Proxy over a transient blob store; S3 is the reader's
 * only collaborator): legacy CUR from real manifests in both report-version modes, Data Exports through a refresh in
 * both overwrite modes ({@code OVERWRITE_REPORT} and {@code CREATE_NEW_REPORT}), and missing manifests and files.
 * AWS publishes no Data Exports manifest and no real one was found, so those are written in the shape the Data Exports
 * manifest reference gives: {@code executionId}, {@code exportArn}, {@code columns}, {@code dataFiles}.
 */
class DeliveryReaderTest {

    private static final String BUCKET = "billing";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The reader looks only at a data file's key and size, never at its rows. */
    private static final byte[] CHUNK = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private static final String KOKU_ASSEMBLY = "16e57707-f9e3-49be-8be6-b84e684b5194";
    private static final String KOKU_PERIOD = "koku-local/20180801-20180901/";
    private static final String KOKU_DATA = KOKU_PERIOD + KOKU_ASSEMBLY + "/koku-local-1.csv.gz";

    private static S3Proxy server;
    private static S3Client s3;

    private DeliveryReader reader;

    @BeforeAll
    static void startS3() throws Exception {
        URI endpoint = URI.create("http://127.0.0.1:" + freePort());
        server = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
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

    /** A fresh bucket per test: the koku sample's keys are fixed, at the bucket's root. */
    @BeforeEach
    void emptyBucket() {
        s3.createBucket(request -> request.bucket(BUCKET));
        reader = new DeliveryReader(s3);
    }

    @AfterEach
    void dropBucket() {
        s3.listObjectsV2Paginator(request -> request.bucket(BUCKET))
                .contents()
                .forEach(object ->
                        s3.deleteObject(request -> request.bucket(BUCKET).key(object.key())));
        s3.deleteBucket(request -> request.bucket(BUCKET));
    }

    @Nested
    class LegacyCurCreatingNewReportVersions {

        @Test
        void periodAndAssemblyManifestsOfTheKokuSampleAnnounceOneDelivery() {
            byte[] manifest = resource("/samples/koku-cur/koku-local-Manifest.json");
            put(KOKU_PERIOD + "koku-local-Manifest.json", manifest);
            put(KOKU_PERIOD + KOKU_ASSEMBLY + "/koku-local-Manifest.json", manifest);
            put(KOKU_DATA, CHUNK);

            BillingDelivery fromPeriod = reader.read(BUCKET, KOKU_PERIOD + "koku-local-Manifest.json");
            BillingDelivery fromAssembly =
                    reader.read(BUCKET, KOKU_PERIOD + KOKU_ASSEMBLY + "/koku-local-Manifest.json");

            assertThat(fromPeriod).isInstanceOfSatisfying(LegacyCurDelivery.class, cur -> assertThat(cur.reportName())
                    .isEqualTo("koku-local"));
            assertThat(fromPeriod.assemblyId()).isEqualTo(KOKU_ASSEMBLY);
            assertThat(fromPeriod.billingPeriod()).isEqualTo(YearMonth.of(2018, 8));
            assertThat(fromPeriod.report())
                    .as("the report prefix is empty: the report is the bucket's koku-local folder")
                    .isEqualTo("s3://billing/koku-local");
            assertThat(fromPeriod.format()).isEqualTo(SourceFormat.CSV);
            assertThat(fromPeriod.files())
                    .as("the reportKey's leading '/' dropped")
                    .containsExactly(new DeliveryFile(KOKU_DATA, CHUNK.length));
            assertThat(fromPeriod.declaredColumns())
                    .hasSize(57)
                    .startsWith(
                            new ManifestColumn("identity/LineItemId", null),
                            new ManifestColumn("identity/TimeInterval", null));
            assertThat(fromAssembly.assemblyId()).isEqualTo(fromPeriod.assemblyId());
            assertThat(fromAssembly.report()).isEqualTo(fromPeriod.report());
            assertThat(fromAssembly.files()).isEqualTo(fromPeriod.files());
        }

        @Test
        void realManifestOfAReportInTwoPartsListsBothInItsOrder() {
            String period = "hourly/hourly-cost-and-usage/20170801-20170901/";
            String assembly = period + "abcdefgh-e98d-48d6-86b4-29967358fe6c/";
            put(
                    period + "hourly-cost-and-usage-Manifest.json",
                    resource("/samples/ice-cur-manifests/manifestTest.json"));
            put(assembly + "hourly-cost-and-usage-02.csv.gz", CHUNK);
            put(assembly + "hourly-cost-and-usage-01.csv.gz", new byte[] {1, 2, 3});

            BillingDelivery delivery = reader.read(BUCKET, period + "hourly-cost-and-usage-Manifest.json");

            assertThat(delivery.billingPeriod()).isEqualTo(YearMonth.of(2017, 8));
            assertThat(delivery.report()).isEqualTo("s3://billing/hourly/hourly-cost-and-usage");
            assertThat(delivery.files())
                    .containsExactly(
                            new DeliveryFile(assembly + "hourly-cost-and-usage-01.csv.gz", 3),
                            new DeliveryFile(assembly + "hourly-cost-and-usage-02.csv.gz", CHUNK.length));
            assertThat(delivery.declaredColumns())
                    .as("2017 manifests give no types")
                    .hasSize(158)
                    .allSatisfy(column -> assertThat(column.type()).isNull());
        }
    }

    @Nested
    class LegacyCurOverwritingTheReport {

        @Test
        void dataBesideThePeriodManifestIsRead() throws IOException {
            // Overwrite mode: <prefix>/<report>/yyyymmdd-yyyymmdd/<report>-<n>.csv.gz beside the manifest, no assembly
            // folder. The sample's reportKeys were emptied when it was sanitised; they are set as AWS would.
            String period = "cur/ReportName/20191201-20200101/";
            ObjectNode manifest =
                    (ObjectNode) JSON.readTree(resource("/samples/ice-cur-manifests/manifest-2019-12.json"));
            manifest.putArray("reportKeys").add(period + "ReportName-1.csv.gz").add(period + "ReportName-2.csv.gz");
            put(period + "ReportName-1.csv.gz", CHUNK);
            put(period + "ReportName-2.csv.gz", CHUNK);
            put(period + "ReportName-Manifest.json", JSON.writeValueAsBytes(manifest));

            BillingDelivery delivery = reader.read(BUCKET, period + "ReportName-Manifest.json");

            assertThat(delivery.assemblyId()).isEqualTo("11111111-2222-3333-4444-555555555555");
            assertThat(delivery.billingPeriod()).isEqualTo(YearMonth.of(2019, 12));
            assertThat(delivery.report()).isEqualTo("s3://billing/cur/ReportName");
            assertThat(delivery.files())
                    .extracting(DeliveryFile::key)
                    .containsExactly(period + "ReportName-1.csv.gz", period + "ReportName-2.csv.gz");
            assertThat(delivery.declaredColumns())
                    .hasSize(275)
                    .first()
                    .isEqualTo(new ManifestColumn("identity/LineItemId", "String"));
        }

        @Test
        void realManifestWhoseReportKeysAreEmptyIsRefused() {
            String key = "cur/ReportName/20191201-20200101/ReportName-Manifest.json";
            put(key, resource("/samples/ice-cur-manifests/manifest-2019-12.json"));

            assertThatThrownBy(() -> reader.read(BUCKET, key))
                    .isInstanceOf(InvalidDeliveryException.class)
                    .hasMessage("Cannot accept CUR manifest s3://billing/" + key + ": no reportKeys");
        }
    }

    @Nested
    class DataExportsOverwritingTheReport {

        private static final String DATA = "exports/cur2/data/BILLING_PERIOD=2025-11/";
        private static final String MANIFEST = "exports/cur2/metadata/BILLING_PERIOD=2025-11/cur2-Manifest.json";

        @Test
        void refreshReplacesTheChunksInPlaceAndTheChunkAwsEmptiedIsLeftOut() throws IOException {
            put(DATA + "cur2-00001.csv.gz", CHUNK);
            put(DATA + "cur2-00002.csv.gz", CHUNK);
            put(DATA + "cur2-00003.csv.gz", CHUNK);
            put(
                    MANIFEST,
                    exportManifest(
                            "exec-morning",
                            DATA + "cur2-00001.csv.gz",
                            DATA + "cur2-00002.csv.gz",
                            DATA + "cur2-00003.csv.gz"));
            BillingDelivery morning = reader.read(BUCKET, MANIFEST);

            // The evening refresh needs two chunks: AWS rewrites them and overwrites the third with empty data.
            put(DATA + "cur2-00001.csv.gz", new byte[] {1, 2, 3, 4});
            put(DATA + "cur2-00002.csv.gz", new byte[] {1, 2});
            put(DATA + "cur2-00003.csv.gz", new byte[0]);
            put(
                    MANIFEST,
                    exportManifest(
                            "exec-evening",
                            DATA + "cur2-00001.csv.gz",
                            DATA + "cur2-00002.csv.gz",
                            DATA + "cur2-00003.csv.gz"));
            BillingDelivery evening = reader.read(BUCKET, MANIFEST);

            assertThat(morning.assemblyId()).isEqualTo("exec-morning");
            assertThat(morning.files()).hasSize(3);
            assertThat(evening.assemblyId()).isEqualTo("exec-evening");
            assertThat(evening.report()).isEqualTo(morning.report()).isEqualTo("s3://billing/exports/cur2");
            assertThat(evening.billingPeriod()).isEqualTo(YearMonth.of(2025, 11));
            assertThat(evening.files())
                    .containsExactly(
                            new DeliveryFile(DATA + "cur2-00001.csv.gz", 4),
                            new DeliveryFile(DATA + "cur2-00002.csv.gz", 2));
            assertThat(evening.manifestModifiedAt()).isAfterOrEqualTo(morning.manifestModifiedAt());
        }

        @Test
        void manifestListingNoFilesOverAnEmptyDataFolderIsRefused() throws IOException {
            put(MANIFEST, JSON.writeValueAsBytes(JSON.createObjectNode().put("executionId", "exec-empty")));

            assertThatThrownBy(() -> reader.read(BUCKET, MANIFEST))
                    .isInstanceOf(InvalidDeliveryException.class)
                    .hasMessage("Cannot accept Data Exports manifest s3://billing/" + MANIFEST + ": no data files");
        }
    }

    @Nested
    class DataExportsCreatingANewReport {

        private static final String DATA = "exports/focus/data/BILLING_PERIOD=2024-05/";
        private static final String METADATA = "exports/focus/metadata/BILLING_PERIOD=2024-05/";
        private static final String FIRST = "11111111-2222-4333-8444-555555555555";
        private static final String SECOND = "3695a728-d559-40bd-ac30-ffc97b552489";
        private static final String FIRST_FOLDER = "2024-05-17T20:11:02.114Z-" + FIRST + "/";
        private static final String SECOND_FOLDER = "2024-05-18T20:16:37.306Z-" + SECOND + "/";

        @Test
        void eachExecutionKeepsItsFilesAndThePeriodManifestAnnouncesTheLatest() throws IOException {
            deliver(FIRST, FIRST_FOLDER, 2);
            deliver(SECOND, SECOND_FOLDER, 1);

            BillingDelivery first = reader.read(BUCKET, METADATA + FIRST_FOLDER + "focus-Manifest.json");
            BillingDelivery latest = reader.read(BUCKET, METADATA + "focus-Manifest.json");

            assertThat(first.assemblyId()).isEqualTo(FIRST);
            assertThat(first.files())
                    .extracting(DeliveryFile::key)
                    .containsExactly(
                            DATA + FIRST_FOLDER + "focus-00001.csv.gz", DATA + FIRST_FOLDER + "focus-00002.csv.gz");
            assertThat(latest.assemblyId()).isEqualTo(SECOND);
            assertThat(latest.files())
                    .extracting(DeliveryFile::key)
                    .containsExactly(DATA + SECOND_FOLDER + "focus-00001.csv.gz");
            assertThat(latest.report()).isEqualTo(first.report()).isEqualTo("s3://billing/exports/focus");
        }

        @Test
        void manifestWithoutDataFilesTakesItsExecutionsFolderOnly() throws IOException {
            deliver(FIRST, FIRST_FOLDER, 2);
            put(DATA + SECOND_FOLDER + "focus-00001.snappy.parquet", CHUNK);
            put(
                    METADATA + "focus-Manifest.json",
                    JSON.writeValueAsBytes(JSON.createObjectNode().put("executionId", SECOND)));

            BillingDelivery latest = reader.read(BUCKET, METADATA + "focus-Manifest.json");

            assertThat(latest.files())
                    .extracting(DeliveryFile::key)
                    .containsExactly(DATA + SECOND_FOLDER + "focus-00001.snappy.parquet");
            assertThat(latest.format()).isEqualTo(SourceFormat.PARQUET);
        }

        @Test
        void executionWhoseFolderWasRemovedIsRefusedNamingTheFile() throws IOException {
            deliver(FIRST, FIRST_FOLDER, 1);
            s3.deleteObject(request -> request.bucket(BUCKET).key(DATA + FIRST_FOLDER + "focus-00001.csv.gz"));

            String manifest = METADATA + FIRST_FOLDER + "focus-Manifest.json";
            assertThatThrownBy(() -> reader.read(BUCKET, manifest))
                    .isInstanceOf(InvalidDeliveryException.class)
                    .hasMessage("Cannot find data file s3://billing/" + DATA + FIRST_FOLDER + "focus-00001.csv.gz of "
                            + "manifest s3://billing/" + manifest);
        }

        /** Data files first, then the execution's manifest and the period manifest, as AWS writes them. */
        private void deliver(String execution, String folder, int chunks) throws IOException {
            String[] files = new String[chunks];
            for (int chunk = 0; chunk < chunks; chunk++) {
                files[chunk] = DATA + folder + "focus-0000" + (chunk + 1) + ".csv.gz";
                put(files[chunk], CHUNK);
            }
            byte[] manifest = exportManifest(execution, files);
            put(METADATA + folder + "focus-Manifest.json", manifest);
            put(METADATA + "focus-Manifest.json", manifest);
        }
    }

    @Nested
    class MissingFiles {

        @Test
        void missingExportManifestIsNamed() {
            String key = "exports/focus/metadata/BILLING_PERIOD=2024-05/focus-Manifest.json";

            assertThatThrownBy(() -> reader.read(BUCKET, key))
                    .isInstanceOf(InvalidDeliveryException.class)
                    .hasMessage("Cannot read s3://billing/" + key + ": no such object");
        }

        @Test
        void missingReportFileOfTheKokuSampleNamesEveryPlaceLookedAt() {
            put(KOKU_PERIOD + "koku-local-Manifest.json", resource("/samples/koku-cur/koku-local-Manifest.json"));

            assertThatThrownBy(() -> reader.read(BUCKET, KOKU_PERIOD + "koku-local-Manifest.json"))
                    .isInstanceOf(InvalidDeliveryException.class)
                    .hasMessage("Cannot find report file /" + KOKU_DATA + " of manifest s3://billing/" + KOKU_PERIOD
                            + "koku-local-Manifest.json: looked at [" + KOKU_DATA + ", " + KOKU_PERIOD
                            + "koku-local-1.csv.gz]");
        }
    }

    /** A Data Exports manifest in the documented shape, naming its data files by full URI. */
    private static byte[] exportManifest(String executionId, String... dataFileKeys) throws IOException {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("executionId", executionId);
        manifest.put("exportArn", "arn:aws:bcm-data-exports:us-east-1:111122223333:export/cur2-0a1b2c3d");
        ArrayNode columns = manifest.putArray("columns");
        columns.addObject().put("name", "line_item_unblended_cost").put("type", "double");
        ArrayNode files = manifest.putArray("dataFiles");
        for (String key : dataFileKeys) {
            files.add("s3://" + BUCKET + "/" + key);
        }
        manifest.putArray("additionalOutputFiles");
        return JSON.writeValueAsBytes(manifest);
    }

    private static byte[] resource(String name) {
        try (InputStream in = DeliveryReaderTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("Cannot read " + name + ": no such test resource");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name + ": " + e.getMessage(), e);
        }
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
