package io.tidewater.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.local.fixtures.HeadlessChromium;
import io.tidewater.local.fixtures.LocalPipeline;
import io.tidewater.local.fixtures.SharedPipeline;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator console of the local stack: every service registered with it, seen through its API and a browser. */
@ExtendWith(SharedPipeline.class)
class OperatorConsoleIT {

    /** Each service and the read-only view of its own the console lists beside health, metrics and the log file. */
    private static final Map<String, String> SERVICES = Map.of(
            "workflow-trigger", "pipelines",
            "inventory-service", "reports",
            "billing-service", "periods",
            "iceberg-loader", "tables");

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyServiceIsRegisteredAndUpWithItsEndpoints(LocalPipeline pipeline) {
        // The console checks each instance's health every 10 s after its registration.
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Map<String, JsonNode> instances = instancesByName(pipeline);

                    assertThat(instances).containsOnlyKeys(SERVICES.keySet());
                    SERVICES.forEach((name, view) -> {
                        JsonNode instance = instances.get(name);
                        assertThat(instance.at("/statusInfo/status").asText())
                                .as(name)
                                .isEqualTo("UP");
                        assertThat(instance.at("/registration/serviceUrl").asText())
                                .as(name)
                                .startsWith("http://127.0.0.1:"
                                        + pipeline.services().port(name));
                        assertThat(endpointIds(instance))
                                .as(name)
                                .contains("health", "metrics", "logfile", "info", view)
                                .doesNotContain("env", "configprops", "heapdump", "loggers", "threaddump");
                    });
                });
    }

    @Test
    void showsHealthWithItsComponentsThroughTheConsole(LocalPipeline pipeline) throws Exception {
        awaitAllRegistered(pipeline);
        String id = instancesByName(pipeline).get("inventory-service").get("id").asText();

        HttpResponse<String> health = get(pipeline.consoleUrl() + "/instances/" + id + "/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        // The console hands the health on in its own shape (details.components.details), each component by name.
        JsonNode body = JSON.readTree(health.body());
        assertThat(List.of("sqs", "s3", "ledger"))
                .as("health with its components: %s", health.body())
                .allSatisfy(component -> assertThat(body.findValue(component)).isNotNull());
    }

    @Test
    void aBrowserRendersTheConsoleNamingEveryService(LocalPipeline pipeline) throws Exception {
        assumeTrue(HeadlessChromium.available(), "no " + HeadlessChromium.EXECUTABLE + " to render the console with");
        awaitAllRegistered(pipeline);

        try (HeadlessChromium browser = HeadlessChromium.open(pipeline.consoleUrl(), 1400, 900)) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(browser.text()).contains(SERVICES.keySet()));
            Path screenshot = Path.of("target", "operator-console.png");
            browser.screenshot(screenshot);

            assertThat(screenshot).isNotEmptyFile();
        }
    }

    private static void awaitAllRegistered(LocalPipeline pipeline) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(instancesByName(pipeline)).containsOnlyKeys(SERVICES.keySet()));
    }

    private static Map<String, JsonNode> instancesByName(LocalPipeline pipeline) throws Exception {
        HttpResponse<String> response = get(pipeline.consoleUrl() + "/instances");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        JSON.readTree(response.body())
                .forEach(
                        instance -> byName.put(instance.at("/registration/name").asText(), instance));
        return byName;
    }

    private static List<String> endpointIds(JsonNode instance) {
        List<String> ids = new ArrayList<>();
        instance.get("endpoints").forEach(endpoint -> ids.add(endpoint.get("id").asText()));
        return ids;
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
