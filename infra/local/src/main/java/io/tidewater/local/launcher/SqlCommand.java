package io.tidewater.local.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.loader.config.LoaderProperties;
import io.tidewater.loader.sql.QueryResult;
import io.tidewater.loader.sql.ReadOnlySql;
import io.tidewater.local.services.LocalServices;
import io.tidewater.local.stack.LocalStack;
import io.tidewater.local.stack.LocalStackProperties;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./tidewater sql}: Spark SQL over the local catalog. When {@code ./tidewater up} is running, the loader's warm
 * session answers; otherwise a local stack and session are started for the one query. Results go to stdout only.
 */
@Command(name = "sql", description = "Run a read-only Spark SQL query over the local catalog.")
final class SqlCommand implements Callable<Integer> {

    private static final URI RUNNING_LOADER = URI.create("http://127.0.0.1:8084/admin/sql");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    DataDirectory dataDirectory;

    @Option(names = "--format", description = "table, csv or json (default: ${DEFAULT-VALUE}).", defaultValue = "table")
    String format;

    @Parameters(paramLabel = "QUERY", description = "The query, such as \"SELECT count(*) FROM inventory.objects\".")
    String query;

    @Override
    public Integer call() throws Exception {
        ResultFormat resultFormat = ResultFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        Optional<QueryResult> result = askRunningLoader();
        QueryResult answer = result.isPresent() ? result.get() : runLocally();
        System.out.print(resultFormat.format(answer));
        return 0;
    }

    private Optional<QueryResult> askRunningLoader() throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(RUNNING_LOADER)
                .header("Content-Type", "text/plain")
                .header("Authorization", "Bearer " + LocalServices.adminToken(dataDirectory.path))
                .POST(HttpRequest.BodyPublishers.ofString(query))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException notRunning) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalArgumentException(
                    "Cannot run query: the loader answered " + response.statusCode() + ": " + response.body());
        }
        return Optional.of(JSON.readValue(response.body(), QueryResult.class));
    }

    private QueryResult runLocally() throws Exception {
        // A look-up leaves the kept queues alone: their messages wait for the next ./tidewater up.
        try (LocalStack stack =
                LocalStack.start(LocalStackProperties.defaults().withMessagePersistence(false), dataDirectory.path)) {
            try (ConfigurableApplicationContext loader = LocalServices.startLoader(stack, Map.of("server.port", "0"))) {
                return new ReadOnlySql(
                                loader.getBean(SparkSession.class),
                                loader.getBean(LoaderProperties.class)
                                        .allCatalogs()
                                        .keySet(),
                                100_000)
                        .run(query);
            }
        }
    }
}
