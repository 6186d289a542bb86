package io.tidewater.loader;

import static io.tidewater.loader.load.LocalLoader.column;
import static io.tidewater.loader.load.LocalLoader.csvJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.MessageJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The loader's job admin API over HTTP: submitted and queued jobs, their status, static loads. */
class JobAdminIT extends LoaderAdminApi {

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
    void statusOfAnUnknownJobIs404WithAMessage() {
        Response response = get("/admin/jobs/no-such-job");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().path("detail").asText())
                .isEqualTo("Cannot find load job no-such-job: it is not queued, not running and not among the 200"
                        + " most recent jobs");
    }
}
