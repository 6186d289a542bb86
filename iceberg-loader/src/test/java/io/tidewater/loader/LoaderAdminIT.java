package io.tidewater.loader;

import static io.tidewater.loader.load.LocalLoader.column;
import static io.tidewater.loader.load.LocalLoader.csvJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.MessageJson;
import io.tidewater.loader.load.LocalLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.SparkCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The loader's admin API and {@code tables} endpoint over HTTP, on real Spark with two Iceberg JDBC catalogs on SQLite
 * (the Spark session the runner's tests use) and ElasticMQ for the jobs queue.
 */
@SpringBootTest(
        classes = IcebergLoaderApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + IcebergLoaderApplication.CONFIG_NAME,
            "tidewater.security.admin-token=" + LoaderAdminIT.TOKEN,
            "spring.autoconfigure.exclude=io.awspring.cloud.autoconfigure.s3.S3TransferManagerAutoConfiguration"
        })
class LoaderAdminIT {

    static final String TOKEN = "loader-admin-it-token";
    private static final String REPLIES = "replies";
    private static final Duration LOAD = Duration.ofSeconds(60);

    // Created before the context, so that the context's Spark session is this one, with both catalogs. Spark has set
    // the JVM's one URL stream handler factory by then (Hadoop's), so Tomcat must not try to set its own.
    private static final LocalLoader loader = withoutTomcatUrlHandlers(LocalLoader::get);
    private static final LocalSqs sqs = LocalSqs.start(List.of("jobs", "jobs-dlq", REPLIES));
    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tidewater.data-dir", () -> loader.directory.toString());
        loader.springProperties().forEach((name, value) -> registry.add(name, () -> value));
        sqs.springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    private static LocalLoader withoutTomcatUrlHandlers(java.util.function.Supplier<LocalLoader> loader) {
        TomcatURLStreamHandlerFactory.disable();
        return loader.get();
    }

    record Response(int status, JsonNode body) {}

    private Response call(String method, String path, String body, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(), response.body().isEmpty() ? null : json.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response get(String path) {
        return call("GET", path, null, true);
    }

    private Response post(String path, String body) {
        return call("POST", path, body, true);
    }

    private Response delete(String path) {
        return call("DELETE", path, null, true);
    }

    private JsonNode succeeded(String jobId) {
        await().atMost(LOAD).untilAsserted(() -> assertThat(
                        get("/admin/jobs/" + jobId).body().path("state").asText())
                .isIn("SUCCEEDED", "FAILED"));
        JsonNode status = get("/admin/jobs/" + jobId).body();
        assertThat(status.path("state").asText()).as("%s", status).isEqualTo("SUCCEEDED");
        return status;
    }

    private static Table table(String catalog, String name) {
        return ((SparkCatalog) loader.spark.sessionState().catalogManager().catalog(catalog))
                .icebergCatalog()
                .loadTable(TableIdentifier.parse(name));
    }

    private static String createRequest(String table) {
        return """
                {"table": "%s",
                 "columns": [{"name": "id", "type": "long", "nullable": false},
                             {"name": "ts", "type": "timestamptz"},
                             {"name": "amount", "type": "decimal(38,10)"},
                             {"name": "tags", "type": "map<string, string>"}],
                 "partitionFields": ["day(ts)"]}
                """
                .formatted(table);
    }

    @Test
    void createsANamespaceAndAPartitionedTableFromJsonInAnyCatalogAndListsIt() {
        Response namespace = post("/admin/namespaces?catalog=archive", "{\"namespace\": \"admin_created\"}");
        Response again = post("/admin/namespaces?catalog=archive", "{\"namespace\": \"admin_created\"}");
        Response created = post("/admin/tables?catalog=archive", createRequest("admin_created.events"));
        Response twice = post("/admin/tables?catalog=archive", createRequest("admin_created.events"));
        Response badType = post(
                "/admin/tables",
                "{\"table\": \"admin_created.bad\", \"columns\": [{\"name\": \"size\", \"type\": \"integer\"}]}");

        assertThat(namespace.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("created").asBoolean()).isFalse();
        assertThat(created.status()).isEqualTo(201);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body().path("detail").asText())
                .contains("Cannot create table admin_created.bad")
                .contains("column size has type 'integer'");
        JsonNode listed = find(get("/admin/tables").body(), "archive", "admin_created.events");
        assertThat(listed.path("currentSchemaId").asInt()).isZero();
        assertThat(listed.path("snapshotCount").asInt()).isZero();
        assertThat(listed.path("currentSnapshotId").isNull()).isTrue();
        assertThat(listed.path("partitionSpec").toString()).isEqualTo("[\"day(ts)\"]");
        Table table = table("archive", "admin_created.events");
        assertThat(table.schema().findField("id").isRequired()).isTrue();
        assertThat(table.schema().findField("tags").type().isMapType()).isTrue();
        assertThat(table.schema().findField("amount").type().toString()).isEqualTo("decimal(38, 10)");
    }

    private static JsonNode find(JsonNode tables, String catalog, String table) {
        for (JsonNode entry : tables) {
            if (entry.path("catalog").asText().equals(catalog)
                    && entry.path("table").asText().equals(table)) {
                return entry;
            }
        }
        throw new AssertionError("No table " + catalog + "." + table + " in " + tables);
    }

    @Test
    void deleteIsRefusedWithoutOrWithAWrongConfirmationAndDropsOnlyTheConfirmedTable() {
        post("/admin/tables", createRequest("admin_delete.keep"));
        post("/admin/tables", createRequest("admin_delete.gone"));

        Response missing = delete("/admin/tables/admin_delete.gone");
        Response wrong = delete("/admin/tables/admin_delete.gone?confirm=admin_delete.keep");
        assertThat(loader.spark.catalog().tableExists("tidewater.admin_delete.gone"))
                .isTrue();
        Response confirmed = delete("/admin/tables/admin_delete.gone?confirm=admin_delete.gone");
        Response again = delete("/admin/tables/admin_delete.gone?confirm=admin_delete.gone");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("detail").asText())
                .isEqualTo("Cannot delete table admin_delete.gone from catalog tidewater: confirm=admin_delete.gone"
                        + " must repeat the table's name, and it is missing");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().path("detail").asText()).endsWith("and it is 'admin_delete.keep'");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body().path("purged").asBoolean()).isFalse();
        assertThat(again.status()).isEqualTo(404);
        assertThat(loader.spark.catalog().tableExists("tidewater.admin_delete.gone"))
                .isFalse();
        assertThat(loader.spark.catalog().tableExists("tidewater.admin_delete.keep"))
                .isTrue();
    }

    @Test
    void historyShowsTheJobAndFileThatIntroducedEachSchemaId() {
        Path first = loader.csv("history-1.csv", "id,name", "1,a", "2,b");
        Path second = loader.csv("history-2.csv", "id,name,colour", "3,c,red");
        LoadJob original = csvJob(
                "admin_history.items",
                "history-1",
                "addNewColumns",
                List.of(column("id", "long"), column("name", "string")),
                first);
        LoadJob widening = csvJob(
                "admin_history.items",
                "history-2",
                "addNewColumns",
                List.of(column("id", "long"), column("name", "string"), column("colour", "string")),
                second);

        assertThat(post("/admin/jobs", MessageJson.write(original)).status()).isEqualTo(202);
        succeeded(original.jobId());
        assertThat(post("/admin/jobs", MessageJson.write(widening)).status()).isEqualTo(202);
        succeeded(widening.jobId());
        JsonNode history = get("/admin/tables/admin_history.items/history").body();

        assertThat(history.path("currentSchemaId").asInt()).isEqualTo(1);
        JsonNode schemas = history.path("schemas");
        assertThat(schemas).hasSize(2);
        assertThat(schemas.get(0).path("introducedBy").path("jobId").asText()).isEqualTo(original.jobId());
        assertThat(schemas.get(0)
                        .path("introducedBy")
                        .path("sourceFiles")
                        .get(0)
                        .asText())
                .isEqualTo(first.toUri().toString());
        assertThat(schemas.get(0).path("recordedBySnapshot").asBoolean())
                .as("the first load created the table, it changed no schema")
                .isFalse();
        assertThat(schemas.get(1).path("schemaId").asInt()).isEqualTo(1);
        assertThat(schemas.get(1).path("addedColumns").toString()).isEqualTo("[\"colour\"]");
        assertThat(schemas.get(1).path("introducedBy").path("jobId").asText()).isEqualTo(widening.jobId());
        assertThat(schemas.get(1).path("introducedBy").path("idempotencyKey").asText())
                .isEqualTo("history-2");
        assertThat(schemas.get(1)
                        .path("introducedBy")
                        .path("sourceFiles")
                        .get(0)
                        .asText())
                .isEqualTo(second.toUri().toString());
        assertThat(schemas.get(1).path("recordedBySnapshot").asBoolean()).isTrue();
        List<String> published = new ArrayList<>();
        for (JsonNode snapshot : history.path("snapshots")) {
            if (snapshot.path("published").asBoolean()) {
                published.add(snapshot.path("jobId").asText() + "/"
                        + snapshot.path("addedRecords").asLong());
            }
        }
        assertThat(published).containsExactly(original.jobId() + "/2", widening.jobId() + "/1");
    }

    @Test
    void submittedJobIsQueuedThenSucceedsWithTheRowsItReadCounted() {
        List<String> lines = new ArrayList<>(List.of("id,name"));
        IntStream.rangeClosed(1, 5_000).forEach(id -> lines.add(id + ",name-" + id));
        LoadJob job = csvJob(
                "admin_jobs.progress",
                "progress-1",
                "addNewColumns",
                List.of(column("id", "long"), column("name", "string")),
                loader.csv("progress.csv", lines.toArray(String[]::new)));

        Response accepted = post("/admin/jobs", MessageJson.write(job));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().path("statusUrl").asText()).isEqualTo("/admin/jobs/" + job.jobId());
        assertThat(accepted.body().path("state").asText()).isIn("QUEUED", "RUNNING", "SUCCEEDED");
        JsonNode status = succeeded(job.jobId());
        assertThat(status.path("origin").asText()).isEqualTo("admin");
        assertThat(status.path("result").path("rowsWritten").asLong()).isEqualTo(5_000);
        await().atMost(LOAD).untilAsserted(() -> {
            JsonNode progress = get("/admin/jobs/" + job.jobId()).body().path("progress");
            assertThat(progress.path("rowsRead").asLong()).isGreaterThanOrEqualTo(5_000);
            assertThat(progress.path("bytesRead").asLong()).isPositive();
            assertThat(progress.path("rowsPerSecond").asDouble()).isPositive();
        });
        assertThat(status.path("progress").path("elapsedMillis").asLong()).isPositive();
    }

    @Test
    void jobFromTheQueueAppearsInTheStatusRegistry() {
        LoadJob job = csvJob(
                "admin_jobs.queued",
                "queued-1",
                "addNewColumns",
                List.of(column("id", "long")),
                loader.csv("queued.csv", "id", "1", "2", "3"));

        sqs.send("jobs", MessageJson.write(job));

        await().atMost(LOAD)
                .untilAsserted(() ->
                        assertThat(get("/admin/jobs/" + job.jobId()).status()).isEqualTo(200));
        JsonNode status = succeeded(job.jobId());
        assertThat(status.path("origin").asText()).isEqualTo("queue");
        assertThat(status.path("result").path("rowsWritten").asLong()).isEqualTo(3);
        assertThat(get("/admin/jobs").body().findValuesAsText("jobId")).contains(job.jobId());
    }

    @Test
    void staticLoadOfACsvFileCrawlsItsSchemaLoadsItsRowsAndLoadsThemOnce() {
        Path file =
                loader.csv("static-orders.csv", "order_id,customer,amount", "1,alice,10.5", "2,bob,3.25", "3,carol,7");
        String request = "{\"uri\": \"%s\", \"format\": \"CSV\", \"columnTypes\": {\"amount\": \"double\"}}"
                .formatted(file.toUri());

        Response accepted = post("/admin/tables/admin_static.orders/loads", request);
        assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
        JsonNode first = succeeded(accepted.body().path("jobId").asText());
        Response repeated = post("/admin/tables/admin_static.orders/loads", request);
        JsonNode second = succeeded(repeated.body().path("jobId").asText());

        JsonNode columns = accepted.body().path("job").path("columns");
        assertThat(columns.findValuesAsText("name")).containsExactly("order_id", "customer", "amount");
        assertThat(columns.findValuesAsText("type")).containsExactly("long", "string", "double");
        assertThat(first.path("result").path("rowsWritten").asLong()).isEqualTo(3);
        assertThat(second.path("result").path("alreadyLoaded").asBoolean()).isTrue();
        assertThat(loader.count("SELECT count(*) FROM admin_static.orders")).isEqualTo(3);
        assertThat(loader.count("SELECT count(*) FROM admin_static.orders WHERE customer = 'bob' AND amount = 3.25"))
                .isEqualTo(1);
        Response missingFile = post(
                "/admin/tables/admin_static.orders/loads",
                "{\"uri\": \"%s\", \"format\": \"CSV\"}"
                        .formatted(file.resolveSibling("absent.csv").toUri()));
        assertThat(missingFile.status()).isEqualTo(400);
        assertThat(missingFile.body().path("detail").asText())
                .contains("absent.csv")
                .contains("there is no such file");
    }

    @Test
    void copyToAnotherCatalogHasTheSameSchemaSpecAndRowsAndIsIdempotent() {
        LoadJob load = partitioned(
                csvJob(
                        "admin_copy.regions",
                        "copy-1",
                        "addNewColumns",
                        List.of(column("id", "long"), column("region", "string")),
                        loader.csv("copy.csv", "id,region", "1,eu", "2,us", "3,eu")),
                "region");
        assertThat(post("/admin/jobs", MessageJson.write(load)).status()).isEqualTo(202);
        succeeded(load.jobId());
        long sourceSnapshot =
                table("tidewater", "admin_copy.regions").currentSnapshot().snapshotId();

        Response copied = post("/admin/tables/admin_copy.regions/copy", "{\"targetCatalog\": \"archive\"}");
        Response again = post("/admin/tables/admin_copy.regions/copy", "{\"targetCatalog\": \"archive\"}");

        assertThat(copied.status()).as("%s", copied.body()).isEqualTo(201);
        assertThat(copied.body().path("rows").asLong()).isEqualTo(3);
        assertThat(copied.body().path("sourceSnapshotId").asLong()).isEqualTo(sourceSnapshot);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("alreadyCopied").asBoolean()).isTrue();
        assertThat(again.body().path("targetSnapshotId").asLong())
                .isEqualTo(copied.body().path("targetSnapshotId").asLong());
        Table source = table("tidewater", "admin_copy.regions");
        Table copy = table("archive", "admin_copy.regions");
        assertThat(copy.schema().asStruct()).isEqualTo(source.schema().asStruct());
        assertThat(copy.spec().fields()).isEqualTo(source.spec().fields());
        assertThat(copy.snapshots()).hasSize(1);
        assertThat(copy.currentSnapshot().summary())
                .containsEntry("tidewater.copy.source-table", "tidewater.admin_copy.regions")
                .containsEntry("tidewater.copy.source-snapshot-id", String.valueOf(sourceSnapshot));
        assertThat(loader.count("SELECT count(*) FROM archive.admin_copy.regions"))
                .isEqualTo(loader.count("SELECT count(*) FROM tidewater.admin_copy.regions"))
                .isEqualTo(3);
        assertThat(loader.count("SELECT count(*) FROM archive.admin_copy.regions WHERE region = 'eu'"))
                .isEqualTo(2);
        assertThat(get("/admin/tables/admin_copy.regions/history?catalog=archive")
                        .body()
                        .path("snapshots")
                        .get(0)
                        .path("copiedFrom")
                        .asText())
                .isEqualTo("tidewater.admin_copy.regions@" + sourceSnapshot);

        loader.runner.run(csvJob(
                "admin_copy.regions",
                "copy-2",
                "addNewColumns",
                List.of(column("id", "long"), column("region", "string")),
                loader.csv("copy-2.csv", "id,region", "4,ap")));
        Response stale = post("/admin/tables/admin_copy.regions/copy", "{\"targetCatalog\": \"archive\"}");

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().path("detail").asText())
                .startsWith("Cannot copy tidewater.admin_copy.regions to archive.admin_copy.regions: the target"
                        + " exists and is not a copy of snapshot");
        assertThat(loader.count("SELECT count(*) FROM archive.admin_copy.regions"))
                .isEqualTo(3);
    }

    private static LoadJob partitioned(LoadJob job, String... fields) {
        return job.withConstantColumnsAndPartitioning(job.constantColumns(), List.of(fields));
    }

    @Test
    void openApiDocumentsTheTableAndJobEndpoints() {
        JsonNode paths = call("GET", "/v3/api-docs", null, false).body().path("paths");

        assertThat(paths.fieldNames())
                .toIterable()
                .contains(
                        "/admin/tables",
                        "/admin/namespaces",
                        "/admin/tables/{table}",
                        "/admin/tables/{table}/history",
                        "/admin/tables/{table}/loads",
                        "/admin/tables/{table}/copy",
                        "/admin/jobs",
                        "/admin/jobs/{jobId}");
        assertThat(paths.path("/admin/tables/{table}")
                        .path("delete")
                        .path("summary")
                        .asText())
                .contains("confirm must repeat its name");
    }

    @Test
    void statusOfAnUnknownJobIs404WithAMessage() {
        Response response = get("/admin/jobs/no-such-job");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().path("detail").asText())
                .isEqualTo("Cannot find load job no-such-job: it is not queued, not running and not among the 200"
                        + " most recent jobs");
    }

    @Test
    void tablesEndpointListsEveryCatalogsTablesWithTheirSchemaHistoryWithoutAToken() {
        LoadJob job = csvJob(
                "admin_endpoint.listed",
                "endpoint-1",
                "addNewColumns",
                List.of(column("id", "long")),
                loader.csv("endpoint.csv", "id", "1"));
        loader.runner.run(job);

        Response tables = call("GET", "/actuator/tables", null, false);

        assertThat(tables.status()).isEqualTo(200);
        assertThat(tables.body().has("archive")).isTrue();
        JsonNode listed = null;
        for (JsonNode overview : tables.body().path("tidewater")) {
            if (overview.path("table").path("table").asText().equals("admin_endpoint.listed")) {
                listed = overview;
            }
        }
        assertThat(listed).as("%s", tables.body()).isNotNull();
        assertThat(listed.path("table").path("rowCount").asLong()).isEqualTo(1);
        assertThat(listed.path("schemas").get(0).path("jobId").asText()).isEqualTo(job.jobId());
        assertThat(listed.path("schemas").get(0).path("addedColumns").toString())
                .isEqualTo("[\"id\"]");
    }
}
