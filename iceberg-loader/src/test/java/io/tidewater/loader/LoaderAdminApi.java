package io.tidewater.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.loader.load.LocalLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.SparkCatalog;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The loader service over HTTP for the admin API's tests, on real Spark with two Iceberg JDBC catalogs on SQLite (the
 * Spark session the runner's tests use) and ElasticMQ for the jobs queue. Its subclasses share one Spring context.
 */
@SpringBootTest(
        classes = IcebergLoaderApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + IcebergLoaderApplication.CONFIG_NAME,
            "tidewater.security.admin-token=" + LoaderAdminApi.TOKEN,
            "spring.autoconfigure.exclude=io.awspring.cloud.autoconfigure.s3.S3TransferManagerAutoConfiguration"
        })
abstract class LoaderAdminApi {

    static final String TOKEN = "loader-admin-it-token";
    static final String REPLIES = "replies";
    static final Duration LOAD = Duration.ofSeconds(60);

    // Created before the context, so that the context's Spark session is this one, with both catalogs. Spark has set
    // the JVM's one URL stream handler factory by then (Hadoop's), so Tomcat must not try to set its own.
    static final LocalLoader loader = withoutTomcatUrlHandlers(LocalLoader::get);
    static final LocalSqs sqs = LocalSqs.start(List.of("jobs", "jobs-dlq", REPLIES));
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

    Response call(String method, String path, String body, boolean withToken) {
        return call(method, path, body, withToken, "application/json");
    }

    Response call(String method, String path, String body, boolean withToken, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType);
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

    Response get(String path) {
        return call("GET", path, null, true);
    }

    Response post(String path, String body) {
        return call("POST", path, body, true);
    }

    Response delete(String path) {
        return call("DELETE", path, null, true);
    }

    JsonNode succeeded(String jobId) {
        await().atMost(LOAD).untilAsserted(() -> assertThat(
                        get("/admin/jobs/" + jobId).body().path("state").asText())
                .isIn("SUCCEEDED", "FAILED"));
        JsonNode status = get("/admin/jobs/" + jobId).body();
        assertThat(status.path("state").asText()).as("%s", status).isEqualTo("SUCCEEDED");
        return status;
    }

    static Table table(String catalog, String name) {
        return ((SparkCatalog) loader.spark.sessionState().catalogManager().catalog(catalog))
                .icebergCatalog()
                .loadTable(TableIdentifier.parse(name));
    }

    static String createRequest(String table) {
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
}
