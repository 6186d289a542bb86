package io.tidewater.local;

import static io.tidewater.local.fixtures.BadInputFiles.extraFields;
import static io.tidewater.local.fixtures.BadInputFiles.randomBytes;
import static io.tidewater.local.fixtures.BadInputFiles.randomLetters;
import static io.tidewater.local.fixtures.BadInputFiles.randomRows;
import static io.tidewater.local.fixtures.BadInputFiles.recordsEvent;
import static io.tidewater.local.fixtures.BadInputFiles.resource;
import static io.tidewater.local.fixtures.BadInputFiles.truncated;
import static io.tidewater.local.fixtures.BadInputFiles.wideRows;
import static io.tidewater.local.fixtures.HandmadeReport.gzip;
import static io.tidewater.local.fixtures.HandmadeReport.row;
import static io.tidewater.local.fixtures.HandmadeReport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.local.fixtures.DeadLetters;
import io.tidewater.local.fixtures.HandmadeReport;
import io.tidewater.local.fixtures.LocalPipeline;
import io.tidewater.local.fixtures.SharedPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 10's bad-input corpus on one embedded stack: every broken report, data file and event is sent at once, then
 * each case checks where it ended: refused whole on a dead-letter queue with a reason naming the file or field,
 * its bad rows quarantined while its good rows load, or loaded as it should be. A good report sent after them all
 * still loads, and every service stays up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedPipeline.class)
class BadInputCorpusIT {

    private static final String SOURCE = "bad-input-corpus";
    private static final String EVENTS = "tidewater-s3-events";
    private static final String EVENTS_DLQ = "tidewater-s3-events-dlq";
    private static final String REPORTS_DLQ = "tidewater-inventory-reports-dlq";
    private static final String LOAD_JOBS_DLQ = "tidewater-load-jobs-dlq";
    private static final String SAMPLES = "/samples/orcabus-filemanager-inventory/";
    private static final String DOCTORED = "/bad-input/";
    private static final Duration SETTLED = Duration.ofSeconds(150);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalPipeline pipeline;
    private DeadLetters deadLetters;
    private S3Client s3;
    private List<Case> corpus;
    // Files that must load share a report, so that they cost the loader one job, not one each.
    private final HandmadeReport rowProblems = csv("row-problems");
    private final HandmadeReport goodFiles = csv("good-files");

    /** One bad input: how to send it and where it must end. */
    private record Case(String name, Runnable send, Outcome outcome) {}

    /** Where a bad input ends. */
    private sealed interface Outcome {}

    /** Refused whole: on {@code queue} with a reason holding every part, the body mentioning {@code mentions}. */
    private record DeadLettered(String queue, String mentions, List<String> reasonParts) implements Outcome {}

    /** The good rows of the configuration load; each bad row is in quarantine with a reason holding the part. */
    private record Quarantined(
            String configuration, String file, String keyPrefix, long goodRows, long badRows, String reasonPart)
            implements Outcome {}

    /** Loaded as it should be: {@code rows} rows whose key starts with the prefix, one with {@code key}, decoded. */
    private record Loaded(String configuration, String keyPrefix, long rows, String key) implements Outcome {}

    /** Acknowledged and dropped on purpose: it reaches no dead-letter queue. */
    private record Ignored(String mentions) implements Outcome {}

    @BeforeAll
    void sendTheWholeCorpus(LocalPipeline shared) {
        pipeline = shared;
        deadLetters = new DeadLetters(pipeline);
        s3 = S3Client.builder()
                .endpointOverride(URI.create(pipeline.stack().s3Endpoint()))
                .region(Region.of(pipeline.stack().region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        corpus = corpus();
        rowProblems.upload(this::put);
        goodFiles.upload(this::put);
        corpus.forEach(bad -> bad.send().run());
    }

    @AfterAll
    void closeClients() {
        if (deadLetters != null) {
            deadLetters.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    @Order(0)
    void corpusHasAtLeastThirtyCases() {
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
        assertThat(corpus.stream().map(Case::name).distinct()).hasSameSizeAs(corpus);
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyBadInputEndsWhereItShould() {
        return corpus.stream().map(bad -> DynamicTest.dynamicTest(bad.name(), () -> check(bad.outcome())));
    }

    @Test
    @Order(2)
    void goodReportSentAfterTheWholeCorpusLoads() {
        HandmadeReport good = HandmadeReport.csv(SOURCE, "good-after-corpus")
                .dataFile("good.csv.gz", gzip(rows("good-after-corpus", 7)));
        good.upload(this::put);

        check(new Loaded("good-after-corpus", "good-after-corpus-", 7, "good-after-corpus-6"));
    }

    @Test
    @Order(3)
    void nothingOfARefusedReportLoaded() {
        List<String> refused = corpus.stream()
                .map(Case::outcome)
                .filter(outcome ->
                        outcome instanceof DeadLettered dead && !dead.queue().equals(EVENTS_DLQ))
                .map(outcome -> ((DeadLettered) outcome).mentions())
                .toList();

        List<String> loaded = pipeline.query("SELECT DISTINCT inventory_configuration FROM inventory.objects").stream()
                .map(row -> (String) row.get(0))
                .toList();

        assertThat(refused).hasSizeGreaterThan(20).doesNotContainAnyElementsOf(loaded);
    }

    @Test
    @Order(4)
    void everyServiceStaysUp() {
        for (String service : List.of("workflow-trigger", "inventory-service", "billing-service", "iceberg-loader")) {
            HttpResponse<String> health = get(service, "/actuator/health");
            assertThat(health.statusCode()).as(service).isEqualTo(200);
            assertThat(health.body()).as(service).contains("\"status\":\"UP\"");
        }
    }

    private List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        // Data files, each in a report of its own configuration.
        cases.add(refused(
                "truncated gzip",
                csv("truncated-gzip").dataFile("truncated.csv.gz", truncated(gzip(randomRows(10_000)))),
                "truncated.csv.gz"));
        cases.add(refused(
                "gzip bomb (compression ratio)",
                csv("gzip-bomb")
                        .dataFile("bomb.csv.gz", gzip(row("same-key", "1").repeat(60_000))),
                "bomb.csv.gz",
                "tidewater.inventory.limits.max-compression-ratio"));
        cases.add(refused(
                "binary garbage",
                csv("binary-garbage").dataFile("garbage.csv.gz", randomBytes(4096)),
                "garbage.csv.gz"));
        cases.add(refused(
                "invalid UTF-8",
                csv("invalid-utf8")
                        .dataFile(
                                "latin1.csv.gz",
                                gzip((rows("invalid-utf8", 3) + row("caf\u00e9", "1"))
                                        .getBytes(StandardCharsets.ISO_8859_1))),
                "latin1.csv.gz",
                "is not valid UTF-8"));
        cases.add(refused(
                "endless line (line-length limit)",
                csv("endless-line")
                        .dataFile("endless.csv.gz", gzip(rows("endless-line", 2) + randomLetters(1_100_000))),
                "endless.csv.gz",
                "line 3 is longer than 1048576 characters (tidewater.inventory.limits.max-line-chars)"));
        cases.add(refused(
                "huge single field",
                csv("huge-field")
                        .dataFile("huge.csv.gz", gzip(rows("huge-field", 2) + row(randomLetters(1_100_000), "1"))),
                "huge.csv.gz",
                "line 3 is longer than 1048576 characters"));
        cases.add(sharedFile(
                rowProblems,
                "wrong column counts",
                "ragged.csv.gz",
                gzip(rows("column-counts", 5)
                        + "\"bad-input-source\",\"too-few\",\"1\"\n"
                        + row("too-many", "1").replace("\n", ",\"extra\"\n")),
                new Quarantined("row-problems", "ragged.csv.gz", "column-counts", 5, 2, "fields")));
        cases.add(sharedFile(
                rowProblems,
                "a size that is no number",
                "bad-size.csv.gz",
                gzip(rows("bad-size", 4) + row("bad-size-twelve", "twelve")),
                new Quarantined(
                        "row-problems",
                        "bad-size.csv.gz",
                        "bad-size-",
                        4,
                        1,
                        "Cannot read field Size: 'twelve' is not a long")));
        cases.add(refused(
                "unterminated quote",
                csv("unterminated-quote")
                        .dataFile(
                                "unterminated.csv.gz",
                                gzip(rows("unterminated-quote", 3)
                                        + row("open", "1").replace("\"open\"", "\"open")
                                        + rows("unterminated-quote-after", 2))),
                "unterminated.csv.gz",
                "record 4 does not parse"));
        cases.add(sharedFile(
                goodFiles,
                "CR-only line ends",
                "cr.csv.gz",
                gzip(rows("cr-only", 6).replace('\n', '\r')),
                new Loaded("good-files", "cr-only-", 6, "cr-only-5")));
        cases.add(sharedFile(
                goodFiles,
                "mixed line ends",
                "mixed.csv.gz",
                gzip(rows("mixed-a", 2)
                        + rows("mixed-b", 2).replace("\n", "\r\n")
                        + rows("mixed-c", 2).replace('\n', '\r')),
                new Loaded("good-files", "mixed-", 6, "mixed-c-1")));
        cases.add(refused(
                "UTF-8 byte-order mark",
                csv("byte-order-mark").dataFile("bom.csv.gz", gzip("\ufeff" + rows("byte-order-mark", 3))),
                "bom.csv.gz",
                "byte-order mark"));
        cases.add(refused(
                "NUL bytes",
                csv("nul-bytes").dataFile("nul.csv.gz", gzip(rows("nul-bytes", 3) + row("nul\0key", "1"))),
                "nul.csv.gz"));
        cases.add(refused("empty file", csv("empty-file").dataFile("empty.csv.gz", new byte[0]), "empty.csv.gz"));
        cases.add(
                refused("zero-byte gzip", csv("zero-gzip").dataFile("zero.csv.gz", gzip(new byte[0])), "zero.csv.gz"));
        cases.add(refused(
                "header row only",
                csv("header-only")
                        .dataFile(
                                "header.csv.gz",
                                gzip(Arrays.stream(HandmadeReport.FILE_SCHEMA.split(", "))
                                                .map(name -> "\"" + name + "\"")
                                                .collect(Collectors.joining(","))
                                        + "\n")),
                "header.csv.gz"));
        cases.add(refused(
                "corrupt Parquet footer",
                HandmadeReport.of(SOURCE, "parquet-corrupt-footer", "Parquet")
                        .dataFile("corrupt.parquet", resource(DOCTORED + "parquet_corrupt_footer.parquet")),
                "corrupt.parquet"));
        cases.add(refused(
                "Parquet claiming absurd row counts",
                HandmadeReport.of(SOURCE, "parquet-absurd-rows", "Parquet")
                        .dataFile("absurd.parquet", resource(DOCTORED + "parquet_absurd_row_count.parquet")),
                "absurd.parquet",
                "rows"));
        cases.add(refused(
                "corrupt ORC",
                HandmadeReport.of(SOURCE, "orc-corrupt", "ORC")
                        .dataFile("corrupt.orc", resource(DOCTORED + "orc_corrupt_footer.orc")),
                "corrupt.orc"));
        // Manifests.
        cases.add(refused(
                "manifest MD5 mismatch",
                csv("manifest-md5")
                        .dataFile("good.csv.gz", gzip(rows("manifest-md5", 2)))
                        .checksum("00000000000000000000000000000000\n"),
                "manifest.checksum says 00000000000000000000000000000000"));
        cases.add(refused(
                "manifest listing a missing file",
                csv("missing-file")
                        .dataFile("present.csv.gz", gzip(rows("missing-file", 2)))
                        .manifest(manifest -> ((ArrayNode) manifest.get("files"))
                                .addObject()
                                .put("key", "inventory/" + SOURCE + "/missing-file/data/absent.csv.gz")
                                .put("size", 10)
                                .put("MD5checksum", "00000000000000000000000000000000")),
                "Cannot find data file inventory/" + SOURCE + "/missing-file/data/absent.csv.gz"));
        cases.add(refused(
                "unknown fileFormat",
                csv("unknown-format")
                        .dataFile("file.csv.gz", gzip(rows("unknown-format", 2)))
                        .manifest(manifest -> manifest.put("fileFormat", "XLSX")),
                "unknown fileFormat 'XLSX'"));
        cases.add(refused(
                "manifest that is not JSON",
                csv("manifest-not-json").manifestText("{\"sourceBucket\": \"bad-input-source\", \"files\": ["),
                "Cannot read manifest"));
        cases.add(refused(
                "manifest with wrong types",
                csv("manifest-wrong-types")
                        .manifestText(
                                "{\"sourceBucket\": \"bad-input-source\", \"creationTimestamp\": \"1715043600000\","
                                        + " \"fileFormat\": \"CSV\", \"files\": {\"key\": 42}}"),
                "Cannot read manifest"));
        cases.add(refused(
                "manifest with no files",
                csv("manifest-no-files")
                        .dataFile("unlisted.csv.gz", gzip(rows("no-files", 1)))
                        .manifest(manifest -> manifest.putArray("files")),
                "the manifest lists no files"));
        cases.add(refused(
                "creationTimestamp that is no epoch",
                csv("bad-timestamp")
                        .dataFile("file.csv.gz", gzip(rows("bad-timestamp", 2)))
                        .manifest(manifest -> manifest.put("creationTimestamp", "yesterday")),
                "creationTimestamp 'yesterday' is not epoch milliseconds"));
        cases.add(refused(
                "data file size unlike the manifest's",
                csv("size-mismatch")
                        .dataFile("file.csv.gz", gzip(rows("size-mismatch", 2)))
                        .manifest(
                                manifest -> ((ObjectNode) manifest.get("files").get(0)).put("size", 5)),
                "but the manifest says 5"));
        cases.add(refused(
                "data file outside the configuration folder",
                csv("outside-prefix")
                        .dataFile("file.csv.gz", gzip(rows("outside-prefix", 2)))
                        .manifest(
                                manifest -> ((ObjectNode) manifest.get("files").get(0))
                                        .put("key", "inventory/" + SOURCE + "/good-files/data/cr.csv.gz")),
                "lies outside the configuration folder"));
        cases.add(refused(
                "data file key climbing out with ../",
                csv("dot-dot-file")
                        .dataFile("file.csv.gz", gzip(rows("dot-dot-file", 2)))
                        .manifest(manifest -> ((ObjectNode)
                                        manifest.get("files").get(0))
                                .put(
                                        "key",
                                        "inventory/" + SOURCE + "/dot-dot-file/data/../../good-files/data/cr.csv.gz")),
                "lies outside the configuration folder"));
        cases.add(refused(
                "duplicate column names",
                csv("duplicate-columns")
                        .dataFile("file.csv.gz", gzip(rows("duplicate-columns", 2)))
                        .manifest(manifest ->
                                manifest.put("fileSchema", HandmadeReport.FILE_SCHEMA.replace("VersionId", "Key"))),
                "the fields name columns key more than once"));
        cases.add(refused(
                "too many columns",
                csv("too-many-columns")
                        .dataFile("file.csv.gz", gzip(rows("too-many-columns", 2)))
                        .manifest(manifest ->
                                manifest.put("fileSchema", HandmadeReport.FILE_SCHEMA + extraFields(1_182))),
                "fileSchema names 1200 columns, more than 1000 (tidewater.inventory.limits.max-columns)"));
        // Keys that must load, decoded once.
        cases.add(sharedFile(
                goodFiles,
                "unicode key",
                "unicode.csv.gz",
                gzip(row("unicode/caf%C3%A9/%E6%97%A5%E6%9C%AC.txt", "1")),
                new Loaded("good-files", "unicode/", 1, "unicode/café/日本.txt")));
        cases.add(sharedFile(
                goodFiles,
                "key with + and %",
                "plus.csv.gz",
                gzip(row("plus/red+flower%2B1%25.jpg", "1")),
                new Loaded("good-files", "plus/", 1, "plus/red flower+1%.jpg")));
        cases.add(loaded(
                "unicode report folder",
                csv("café-日本").dataFile("unicode-folder.csv.gz", gzip(rows("unicode-folder", 2))),
                "unicode-folder-",
                2,
                "unicode-folder-1"));
        cases.add(loaded(
                "report folder with + and %",
                csv("plus+percent%folder").dataFile("plus-folder.csv.gz", gzip(rows("plus-folder", 2))),
                "plus-folder-",
                2,
                "plus-folder-1"));
        // Events.
        cases.add(event(
                "malformed event JSON",
                "{\"Records\": [ malformed-event-json",
                "malformed-event-json",
                "Cannot read message body as an S3 event: malformed JSON"));
        cases.add(event(
                "forged event for another bucket",
                recordsEvent("ObjectCreated:Put", "someone-elses-bucket", "inventory/forged/manifest.checksum", "e1"),
                "someone-elses-bucket",
                "bucket someone-elses-bucket is not in tidewater.trigger.allowed-buckets"));
        cases.add(event(
                "marker key with ../",
                recordsEvent(
                        "ObjectCreated:Put",
                        HandmadeReport.BUCKET,
                        "inventory/" + SOURCE + "/dot-segments/../../cr-only/2024-05-07T01-00Z/manifest.checksum",
                        "e2"),
                "dot-segments",
                "'.' or '..' segment"));
        cases.add(event(
                "key that does not URL-decode",
                recordsEvent(
                        "ObjectCreated:Put", HandmadeReport.BUCKET, "inventory/undecodable%zz/manifest.checksum", "e3"),
                "undecodable%zz",
                "Cannot decode S3 key"));
        cases.add(event(
                "event without ETag, version or sequencer",
                """
                {"Records": [{"eventVersion": "2.1", "eventSource": "aws:s3", "eventTime": "2024-05-07T01:00:00.000Z",
                  "eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "tidewater-inventory"},
                  "object": {"key": "inventory/no-version-event/2024-05-07T01-00Z/manifest.checksum", "size": 33}}}]}
                """,
                "no-version-event",
                "Cannot identify the version"));
        cases.add(event(
                "SNS envelope around garbage",
                "{\"Type\": \"Notification\", \"MessageId\": \"sns-garbage\", \"Message\": \"not an event at all\"}",
                "sns-garbage",
                "Cannot read SNS Message as an S3 event"));
        cases.add(event(
                "EventBridge event without detail",
                "{\"version\": \"0\", \"id\": \"eventbridge-no-detail\", \"source\": \"aws.s3\","
                        + " \"detail-type\": \"Object Created\", \"account\": \"123456789012\","
                        + " \"time\": \"2024-05-07T01:00:00Z\"}",
                "eventbridge-no-detail",
                "detail.bucket.name is missing"));
        // Messages between the services that do not parse: nothing can be replied to, so they park with a reason.
        cases.add(new Case(
                "report message that is no ReportArrived",
                () -> pipeline.send("tidewater-inventory-reports", "{\"runId\": \"garbled-report-message\", [}"),
                new DeadLettered(
                        REPORTS_DLQ, "garbled-report-message", List.of("Cannot read ReportArrived from JSON"))));
        cases.add(new Case(
                "load job that is no LoadJob",
                () -> pipeline.send("tidewater-load-jobs", "{\"jobId\": \"garbled-load-job\", \"files\": 7"),
                new DeadLettered(LOAD_JOBS_DLQ, "garbled-load-job", List.of("Cannot read LoadJob from JSON"))));
        String delete = recordsEvent(
                "ObjectRemoved:Delete",
                HandmadeReport.BUCKET,
                "inventory/" + SOURCE + "/deleted-report/2024-05-07T01-00Z/manifest.checksum",
                "e4");
        cases.add(new Case("event for a delete", () -> pipeline.send(EVENTS, delete), new Ignored("deleted-report")));
        // Last, once a good load has created the table: the first load creates the table with its columns, new or not.
        cases.add(new Case(
                "too many new columns in one file",
                () -> afterTheTableExists(() -> csv("too-many-new-columns")
                        .dataFile("wide.csv.gz", gzip(wideRows("too-many-new-columns", 120, 2)))
                        .manifest(manifest -> manifest.put("fileSchema", HandmadeReport.FILE_SCHEMA + extraFields(120)))
                        .upload(this::put)),
                new DeadLettered(LOAD_JOBS_DLQ, "too-many-new-columns", List.of("Cannot add 120 new columns"))));
        return cases;
    }

    private void check(Outcome outcome) {
        if (outcome instanceof DeadLettered dead) {
            await().atMost(SETTLED)
                    .untilAsserted(() -> assertThat(deadLetters.mentioning(dead.queue(), dead.mentions()))
                            .as("dead letters on %s mentioning %s", dead.queue(), dead.mentions())
                            .isNotEmpty());
            assertThat(deadLetters.mentioning(dead.queue(), dead.mentions())).allSatisfy(letter -> {
                assertThat(letter.reason()).as("tidewater-failure-reason").isNotBlank();
                dead.reasonParts().forEach(part -> assertThat(letter.reason()).contains(part));
            });
        } else if (outcome instanceof Quarantined quarantined) {
            String file = quarantined.configuration() + "/data/" + quarantined.file();
            await().atMost(SETTLED).untilAsserted(() -> {
                assertThat(rowsOf(quarantined.configuration(), quarantined.keyPrefix()))
                        .isEqualTo(quarantined.goodRows());
                assertThat(quarantineReasons(file)).hasSize((int) quarantined.badRows());
            });
            assertThat(quarantineReasons(file))
                    .allSatisfy(reason -> assertThat(reason).contains(quarantined.reasonPart()));
        } else if (outcome instanceof Loaded loaded) {
            await().atMost(SETTLED).untilAsserted(() -> assertThat(rowsOf(loaded.configuration(), loaded.keyPrefix()))
                    .isEqualTo(loaded.rows()));
            assertThat(pipeline.query("SELECT key FROM inventory.objects WHERE inventory_configuration = '"
                            + loaded.configuration() + "'"))
                    .contains(List.of(loaded.key()));
        } else if (outcome instanceof Ignored ignored) {
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(deadLetters.mentioning(EVENTS_DLQ, ignored.mentions()))
                        .isEmpty();
                assertThat(deadLetters.mentioning(REPORTS_DLQ, ignored.mentions()))
                        .isEmpty();
            });
        }
    }

    private HandmadeReport csv(String configuration) {
        return HandmadeReport.csv(SOURCE, configuration);
    }

    private Case refused(String name, HandmadeReport report, String... reasonParts) {
        String configuration = report.markerKey().split("/")[2];
        return new Case(
                name,
                () -> report.upload(this::put),
                new DeadLettered(REPORTS_DLQ, configuration, List.of(reasonParts)));
    }

    private void afterTheTableExists(Runnable send) {
        await().atMost(SETTLED).until(() -> rowsOf("good-files") > 0);
        send.run();
    }

    /** A case whose file travels in a report shared with other cases' files: sent with it, after the corpus. */
    private static Case sharedFile(HandmadeReport shared, String name, String file, byte[] content, Outcome outcome) {
        shared.dataFile(file, content);
        return new Case(name, () -> {}, outcome);
    }

    private Case loaded(String name, HandmadeReport report, String keyPrefix, long rows, String key) {
        String configuration = report.markerKey().split("/")[2];
        return new Case(name, () -> report.upload(this::put), new Loaded(configuration, keyPrefix, rows, key));
    }

    private Case event(String name, String body, String mentions, String reasonPart) {
        return new Case(
                name, () -> pipeline.send(EVENTS, body), new DeadLettered(EVENTS_DLQ, mentions, List.of(reasonPart)));
    }

    private void put(String key, byte[] content) {
        s3.putObject(request -> request.bucket(HandmadeReport.BUCKET).key(key), RequestBody.fromBytes(content));
    }

    private long rowsOf(String configuration) {
        return pipeline.countOrZeroWithoutTable(
                "SELECT count(*) FROM inventory.objects WHERE inventory_configuration = '" + configuration + "'");
    }

    private long rowsOf(String configuration, String keyPrefix) {
        return pipeline.countOrZeroWithoutTable(
                "SELECT count(*) FROM inventory.objects WHERE inventory_configuration = '" + configuration
                        + "' AND startswith(key, '" + keyPrefix + "')");
    }

    private List<String> quarantineReasons(String file) {
        try {
            return pipeline
                    .query("SELECT reason FROM inventory.objects_quarantine WHERE endswith(source_file, '/" + file
                            + "')")
                    .stream()
                    .map(row -> (String) row.get(0))
                    .toList();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // The quarantine table appears with the first quarantined row.
            return List.of();
        }
    }

    private HttpResponse<String> get(String service, String path) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + pipeline.services().port(service) + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
