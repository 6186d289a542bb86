package io.tidewater.loader;

import static io.tidewater.loader.load.LocalLoader.column;
import static io.tidewater.loader.load.LocalLoader.csvJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.MessageJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

/** The loader's table admin API, the {@code tables} endpoint and the OpenAPI document over HTTP. */
class TableAdminIT extends LoaderAdminApi {

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

    private static JsonNode find(JsonNode tables, String catalog, String table) {
        for (JsonNode entry : tables) {
            if (entry.path("catalog").asText().equals(catalog)
                    && entry.path("table").asText().equals(table)) {
                return entry;
            }
        }
        throw new AssertionError("No table " + catalog + "." + table + " in " + tables);
    }

    private static LoadJob partitioned(LoadJob job, String... fields) {
        return job.withConstantColumnsAndPartitioning(job.constantColumns(), List.of(fields));
    }
}
