package io.tidewater.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.local.fixtures.LocalPipeline;
import io.tidewater.local.fixtures.SharedPipeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
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
 * Inventory reports through the whole embedded pipeline, checked against the table the loader wrote: data-file MD5s,
 * schema evolution across reports, insights, re-ingest and inline manifests through the inventory service's admin API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipeline.class)
class InventoryReportsIT {

    private static final String BUCKET = "tidewater-inventory";
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIELDS = "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, "
            + "ETag, StorageClass, EncryptionStatus, ChecksumAlgorithm";

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalPipeline pipeline;
    private S3Client s3;
    private String admin;

    @BeforeAll
    void usePipeline(LocalPipeline shared) {
        pipeline = shared;
        admin = "http://127.0.0.1:" + pipeline.services().port("inventory-service") + "/admin";
        s3 = S3Client.builder()
                .endpointOverride(URI.create(pipeline.stack().s3Endpoint()))
                .region(Region.of(pipeline.stack().region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @AfterAll
    void closeClient() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void dataFileMd5MismatchIsRejectedNamingTheFileAndBothMd5sAndLoadsNothing() throws Exception {
        String configuration = "inventory/md5-source/tampered/";
        DataFile file = uploadGenerated(configuration + "data/tampered.csv.gz", "md5-source", 0, 30);
        String manifest = manifest(
                "md5-source",
                "1715043600000",
                FIELDS,
                List.of(new DataFile(file.key(), file.size(), "0123456789abcdef0123456789abcdef")));
        uploadManifest(configuration + "2024-05-07T01-00Z/", manifest);

        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> assertThat(pipeline.peek("tidewater-inventory-reports-dlq"))
                .anySatisfy(message -> assertThat(message.messageAttributes()
                                .get("tidewater-failure-reason")
                                .stringValue())
                        .contains("data file " + configuration + "data/tampered.csv.gz has MD5 " + file.md5())
                        .contains("the manifest says 0123456789abcdef0123456789abcdef")));
        assertThat(reports("md5-source"))
                .singleElement()
                .satisfies(report -> assertThat(report.get("status").asText()).isEqualTo("REJECTED"));
        assertThat(pipeline.countOrZeroWithoutTable(
                        "SELECT count(*) FROM inventory.objects WHERE bucket = 'md5-source'"))
                .isZero();
    }

    @Test
    void insightsEqualCountsOfTheLoadedTableAndGrowthComparesWithThePreviousReport() throws Exception {
        String configuration = "inventory/insights-source/daily/";
        List<DataFile> first = List.of(
                uploadGenerated(configuration + "data/first-a.csv.gz", "insights-source", 0, 180),
                uploadGenerated(configuration + "data/first-b.csv.gz", "insights-source", 180, 150));
        uploadManifest(
                configuration + "2024-05-07T01-00Z/",
                manifest("insights-source", millis("2024-05-07T01:00:00Z"), FIELDS, first));
        JsonNode firstReport = awaitLoaded("insights-source", "2024-05-07");
        List<DataFile> second =
                List.of(uploadGenerated(configuration + "data/second.csv.gz", "insights-source", 0, 410));
        uploadManifest(
                configuration + "2024-05-08T01-00Z/",
                manifest("insights-source", millis("2024-05-08T01:00:00Z"), FIELDS, second));
        JsonNode secondReport = awaitLoaded("insights-source", "2024-05-08");

        JsonNode firstInsights = detail(firstReport).get("report").get("insights");
        assertInsightsMatchTable(firstInsights, "insights-source", "2024-05-07");
        JsonNode detail = detail(secondReport);
        assertInsightsMatchTable(detail.get("report").get("insights"), "insights-source", "2024-05-08");
        JsonNode growth = detail.get("growth");
        assertThat(growth.get("previousReportId").asText())
                .isEqualTo(firstReport.get("reportId").asText());
        assertThat(growth.get("objects").asLong())
                .isEqualTo(objects("insights-source", "2024-05-08") - objects("insights-source", "2024-05-07"));
        assertThat(detail.get("files")).hasSize(1);
        assertThat(detail.get("report").get("rowsLoaded").asLong()).isEqualTo(410);
        assertThat(pipeline.peek("tidewater-run-updates-dlq")).isEmpty();
    }

    @Test
    void laterReportWithAnExtraFieldAddsTheColumnAndARemovedFieldIsNullFromThenOn() throws Exception {
        String configuration = "inventory/evolving-source/daily/";
        uploadManifest(
                configuration + "2024-05-07T01-00Z/",
                manifest(
                        "evolving-source",
                        millis("2024-05-07T01:00:00Z"),
                        FIELDS,
                        List.of(uploadGenerated(configuration + "data/before.csv.gz", "evolving-source", 0, 20))));
        awaitLoaded("evolving-source", "2024-05-07");
        String fields = FIELDS.replace(", ChecksumAlgorithm", "") + ", ObjectOwner";
        byte[] rows = gzip(csv("evolving-source", 0, 20, fields.contains("ObjectOwner")));
        upload(configuration + "data/after.csv.gz", rows);
        uploadManifest(
                configuration + "2024-05-08T01-00Z/",
                manifest(
                        "evolving-source",
                        millis("2024-05-08T01:00:00Z"),
                        fields,
                        List.of(new DataFile(configuration + "data/after.csv.gz", rows.length, md5(rows)))));
        JsonNode later = awaitLoaded("evolving-source", "2024-05-08");

        assertThat(pipeline.query("SELECT DISTINCT object_owner FROM inventory.objects WHERE bucket = "
                        + "'evolving-source' AND inventory_date = DATE'2024-05-08'"))
                .containsExactly(List.of("owner-canonical-id"));
        assertThat(pipeline.count("SELECT count(*) FROM inventory.objects WHERE bucket = 'evolving-source' AND "
                        + "inventory_date = DATE'2024-05-08' AND checksum_algorithm IS NOT NULL"))
                .isZero();
        assertThat(pipeline.count("SELECT count(*) FROM inventory.objects WHERE bucket = 'evolving-source' AND "
                        + "inventory_date = DATE'2024-05-07' AND checksum_algorithm IS NOT NULL"))
                .isPositive();
        assertThat(later.get("schemaChanges").asText())
                .isEqualTo("added object_owner; removed checksum_algorithm (NULL from now on)");
    }

    @Test
    void reingestAndInlineManifestLoadNothingTwice() throws Exception {
        String configuration = "inventory/inline-source/daily/";
        DataFile file = uploadGenerated(configuration + "data/only.csv.gz", "inline-source", 0, 40);
        String manifest = manifest("inline-source", millis("2024-05-07T01:00:00Z"), FIELDS, List.of(file));

        HttpResponse<String> inline = post("/reports/inline", manifest);
        assertThat(inline.statusCode()).as(inline.body()).isEqualTo(202);
        JsonNode report = awaitLoaded("inline-source", "2024-05-07");
        assertThat(pipeline.count("SELECT count(*) FROM inventory.objects WHERE bucket = 'inline-source'"))
                .isEqualTo(40);

        HttpResponse<String> again = post("/reports/" + report.get("reportId").asText() + "/reingest", "");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        String againId = JSON.readTree(again.body()).get("reportId").asText();
        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> assertThat(
                        detail(againId).get("report").get("detail").asText())
                .startsWith("already loaded in snapshot"));
        assertThat(pipeline.count("SELECT count(*) FROM inventory.objects WHERE bucket = 'inline-source'"))
                .isEqualTo(40);
    }

    private void assertInsightsMatchTable(JsonNode insights, String bucket, String date) {
        String where =
                " FROM inventory.objects WHERE bucket = '" + bucket + "' AND inventory_date = DATE'" + date + "'";
        String objects = where + " AND NOT coalesce(is_delete_marker, false)";
        assertThat(insights.get("rows").asLong()).isEqualTo(pipeline.count("SELECT count(*)" + where));
        assertThat(insights.get("objects").asLong()).isEqualTo(pipeline.count("SELECT count(*)" + objects));
        assertThat(insights.get("bytes").asLong()).isEqualTo(pipeline.count("SELECT coalesce(sum(size), 0)" + objects));
        for (List<Object> row :
                pipeline.query("SELECT storage_class, count(*), sum(size)" + objects + " GROUP BY storage_class")) {
            JsonNode totals = insights.get("byStorageClass").get((String) row.get(0));
            assertThat(totals.get("objects").asLong()).isEqualTo(((Number) row.get(1)).longValue());
            assertThat(totals.get("bytes").asLong()).isEqualTo(((Number) row.get(2)).longValue());
        }
        assertThat(insights.get("byStorageClass"))
                .hasSize(pipeline.query("SELECT DISTINCT storage_class" + objects)
                        .size());
        assertThat(insights.get("notEncrypted").asLong())
                .isEqualTo(pipeline.count("SELECT count(*)" + objects + " AND encryption_status = 'NOT-SSE'"));
        assertThat(insights.get("withoutChecksumAlgorithm").asLong())
                .isEqualTo(pipeline.count("SELECT count(*)" + objects + " AND checksum_algorithm IS NULL"));
        assertThat(insights.get("deleteMarkers").asLong())
                .isEqualTo(pipeline.count("SELECT count(*)" + where + " AND is_delete_marker"));
        assertThat(insights.get("noncurrentVersions").asLong())
                .isEqualTo(pipeline.count("SELECT count(*)" + objects + " AND NOT is_latest"));
        assertThat(insights.get("noncurrentBytes").asLong())
                .isEqualTo(pipeline.count("SELECT coalesce(sum(size), 0)" + objects + " AND NOT is_latest"));
        assertThat(insights.get("deleteMarkers").asLong())
                .as("the generated report has delete markers")
                .isPositive();
    }

    private long objects(String bucket, String date) {
        return pipeline.count("SELECT count(*) FROM inventory.objects WHERE bucket = '" + bucket
                + "' AND inventory_date = DATE'" + date + "' AND NOT coalesce(is_delete_marker, false)");
    }

    /** The report of a source bucket whose inventory date is {@code date}, once the loader's reply is recorded. */
    private JsonNode awaitLoaded(String sourceBucket, String date) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(LOAD_TIMEOUT).untilAsserted(() -> {
            found.clear();
            for (JsonNode report : reports(sourceBucket)) {
                if (report.get("createdAt").asText().startsWith(date)
                        && report.get("status").asText().equals("SUCCEEDED")) {
                    found.add(report);
                }
            }
            assertThat(found).isNotEmpty();
        });
        return found.get(0);
    }

    private List<JsonNode> reports(String sourceBucket) throws IOException, InterruptedException {
        List<JsonNode> reports = new ArrayList<>();
        JSON.readTree(get("/reports?sourceBucket=" + sourceBucket)).forEach(reports::add);
        return reports;
    }

    private JsonNode detail(JsonNode report) throws IOException, InterruptedException {
        return detail(report.get("reportId").asText());
    }

    private JsonNode detail(String reportId) throws IOException, InterruptedException {
        return JSON.readTree(get("/reports/" + reportId));
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(admin + path))
                        .header("Authorization", "Bearer " + LocalPipeline.ADMIN_TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(admin + path))
                        .header("Authorization", "Bearer " + LocalPipeline.ADMIN_TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private record DataFile(String key, long size, String md5) {}

    private DataFile uploadGenerated(String key, String sourceBucket, int from, int count) {
        byte[] bytes = gzip(csv(sourceBucket, from, count, false));
        upload(key, bytes);
        return new DataFile(key, bytes.length, md5(bytes));
    }

    /**
     * Rows shaped like S3's: every field quoted, URL-encoded keys, delete markers with empty size, storage class and
     * ETag, a mix of storage classes, encryption and checksum algorithms.
     */
    private static String csv(String sourceBucket, int from, int count, boolean ownerInsteadOfChecksum) {
        String[] classes = {"STANDARD", "GLACIER", "STANDARD_IA", "INTELLIGENT_TIERING"};
        StringBuilder text = new StringBuilder();
        for (int index = from; index < from + count; index++) {
            boolean deleteMarker = index % 17 == 0;
            List<String> fields = new ArrayList<>(List.of(
                    sourceBucket,
                    "dir+" + (index % 7) + "/file%2C" + index + ".txt",
                    "v" + index,
                    String.valueOf(index % 3 != 0),
                    String.valueOf(deleteMarker),
                    deleteMarker ? "" : String.valueOf(index * 13L),
                    "2024-05-06T22:37:48.000Z",
                    deleteMarker ? "" : "etag" + index,
                    deleteMarker ? "" : classes[index % classes.length],
                    deleteMarker ? "" : index % 5 == 0 ? "NOT-SSE" : "SSE-S3"));
            fields.add(ownerInsteadOfChecksum ? "owner-canonical-id" : deleteMarker || index % 4 != 0 ? "" : "CRC32");
            text.append('"').append(String.join("\",\"", fields)).append("\"\n");
        }
        return text.toString();
    }

    private static String manifest(String sourceBucket, String creationTimestamp, String fields, List<DataFile> files) {
        StringBuilder listed = new StringBuilder();
        for (DataFile file : files) {
            listed.append(listed.isEmpty() ? "" : ",")
                    .append("{\"key\":\"%s\",\"size\":%d,\"MD5checksum\":\"%s\"}"
                            .formatted(file.key(), file.size(), file.md5()));
        }
        return ("{\"sourceBucket\":\"%s\",\"destinationBucket\":\"arn:aws:s3:::%s\",\"version\":\"2016-11-30\","
                        + "\"creationTimestamp\":\"%s\",\"fileFormat\":\"CSV\",\"fileSchema\":\"%s\",\"files\":[%s]}")
                .formatted(sourceBucket, BUCKET, creationTimestamp, fields, listed);
    }

    /** manifest.json, then manifest.checksum (its MD5, as AWS writes it) last: the completion marker. */
    private void uploadManifest(String folder, String manifest) {
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        upload(folder + "manifest.json", bytes);
        pipeline.uploadText(BUCKET, folder + "manifest.checksum", md5(bytes) + "\n");
    }

    private static String millis(String instant) {
        return String.valueOf(Instant.parse(instant).toEpochMilli());
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void upload(String key, byte[] bytes) {
        s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }
}
