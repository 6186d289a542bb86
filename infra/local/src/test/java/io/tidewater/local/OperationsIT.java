package io.tidewater.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tidewater.local.fixtures.LocalPipeline;
import io.tidewater.local.fixtures.SharedPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations rules on all four services as the local stack runs them: open health, OpenAPI and Prometheus; a
 * bearer token in front of {@code /admin}; no sensitive Actuator endpoint; and every metric the Grafana dashboard
 * plots present after a pipeline run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipeline.class)
class OperationsIT {

    private static final Path DASHBOARD = Path.of("../grafana/dashboards/tidewater.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:tidewater|http_server|jvm)_[a-z_]+)\\b");
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One admin call per service that answers 200 on any stack. */
    private record AdminCall(String method, String path, String body) {}

    private static final Map<String, AdminCall> ADMIN_CALLS = Map.of(
            "workflow-trigger", new AdminCall("GET", "/admin/runs", null),
            "inventory-service", new AdminCall("GET", "/admin/reports", null),
            "billing-service", new AdminCall("GET", "/admin/periods", null),
            "iceberg-loader", new AdminCall("POST", "/admin/sql", "SELECT 1"));

    /** What each service's readiness needs besides its own state: the checks a message's processing depends on. */
    private static final Map<String, List<String>> READINESS = Map.of(
            "workflow-trigger", List.of("sqs", "s3", "ledger"),
            "inventory-service", List.of("sqs", "s3", "ledger"),
            "billing-service", List.of("sqs", "s3", "ledger"),
            "iceberg-loader", List.of("sqs", "catalog", "spark"));

    /** The read-only operational view of each service, open to GET like health. */
    private static final Map<String, String> OPERATIONS_ENDPOINTS = Map.of(
            "workflow-trigger", "/actuator/pipelines",
            "inventory-service", "/actuator/reports",
            "billing-service", "/actuator/periods",
            "iceberg-loader", "/actuator/tables");

    /** Every log line of the run, with the MDC as it was on the logging thread. */
    private final ListAppender<ILoggingEvent> logEvents = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };

    private LocalPipeline pipeline;
    private String token;

    @BeforeAll
    void usePipeline(LocalPipeline shared) {
        pipeline = shared;
        // The token the services were given, whether the fixture chose it or the data directory holds it.
        token = pipeline.services().loader().getEnvironment().getRequiredProperty("tidewater.security.admin-token");
        logEvents.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        logEvents.start();
        rootLogger().addAppender(logEvents);
        uploadInventoryReport();
    }

    /** One report through the whole pipeline, for the metrics and log lines it leaves. */
    private void uploadInventoryReport() {
        String configuration = "inventory/operations-it/operations-csv-config/";
        String samples = "/samples/orcabus-filemanager-inventory/";
        pipeline.upload(
                "tidewater-inventory", configuration + "data/csv_inventory.csv.gz", samples + "csv_inventory.csv.gz");
        pipeline.upload(
                "tidewater-inventory",
                configuration + "2024-05-07T01-00Z/manifest.json",
                samples + "csv_inventory_manifest.json");
        pipeline.upload(
                "tidewater-inventory",
                configuration + "2024-05-07T01-00Z/manifest.checksum",
                samples + "csv_inventory_manifest.checksum");
    }

    private static ch.qos.logback.classic.Logger rootLogger() {
        return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    @AfterAll
    void detachAppender() {
        rootLogger().detachAppender(logEvents);
    }

    static Stream<String> services() {
        return Stream.of("workflow-trigger", "inventory-service", "billing-service", "iceberg-loader");
    }

    @ParameterizedTest
    @MethodSource("services")
    void healthLivenessAndReadinessAnswerWithoutToken(String service) {
        assertThat(get(service, "/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get(service, "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get(service, "/actuator/health/readiness", null).statusCode())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("services")
    void readinessChecksWhatTheServiceNeedsAndLivenessOnlyTheJvm(String service) {
        HttpResponse<String> readiness = get(service, "/actuator/health/readiness", null);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        for (String component : READINESS.get(service)) {
            assertThat(readiness.body()).as(service).contains("\"" + component + "\":{\"status\":\"UP\"");
        }
        assertThat(get(service, "/actuator/health/liveness", null).body())
                .doesNotContain("\"sqs\"")
                .doesNotContain("\"ledger\"");
    }

    @ParameterizedTest
    @MethodSource("services")
    void infoNamesTheBuildAndTheGitCommitWithoutToken(String service) {
        HttpResponse<String> info = get(service, "/actuator/info", null);
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body())
                .contains("\"build\":{")
                .contains("\"version\":\"0.1.0-SNAPSHOT\"")
                .containsPattern("\"git\":\\{.*\"commit\":\\{.*\"id\":\"[0-9a-f]{7,}\"");
    }

    @ParameterizedTest
    @MethodSource("operationsEndpoints")
    void readOnlyOperationsEndpointsAnswerGetsWithoutTokenAndRefuseWrites(String service) {
        String path = OPERATIONS_ENDPOINTS.get(service);
        HttpResponse<String> view = get(service, path, null);
        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        assertThat(view.body()).startsWith(service.equals("iceberg-loader") ? "{\"tidewater\":[" : "[");
        HttpResponse<String> write =
                send(HttpRequest.newBuilder(url(service, path)).POST(HttpRequest.BodyPublishers.noBody()), token);
        assertThat(write.statusCode()).as(service + " POST " + path).isIn(403, 405);
    }

    @Test
    void pipelinesEndpointCountsRunsByStateAndShowsRoutes() {
        HttpResponse<String> pipelines = get("workflow-trigger", "/actuator/pipelines", null);
        assertThat(pipelines.body())
                .contains("\"name\":\"inventory\"")
                .contains("\"queue\":\"tidewater-inventory-reports\"")
                .contains("\"paused\":false");
    }

    static Stream<String> operationsEndpoints() {
        return OPERATIONS_ENDPOINTS.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("services")
    void sensitiveActuatorEndpointsAreNotReachableEvenWithTheAdminToken(String service) {
        // Not exposed, so 404; were one exposed by mistake, service-support refuses it (AdminSecurityTest).
        for (String endpoint : new String[] {"env", "configprops", "heapdump", "threaddump", "loggers", "beans"}) {
            assertThat(get(service, "/actuator/" + endpoint, null).statusCode())
                    .as(service + " " + endpoint)
                    .isEqualTo(404);
            assertThat(get(service, "/actuator/" + endpoint, token).statusCode())
                    .as(service + " " + endpoint)
                    .isEqualTo(404);
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void adminRefusesRequestsWithoutTheTokenAndAnswersWithIt(String service) {
        assertThat(admin(service, null).statusCode()).isEqualTo(401);
        assertThat(admin(service, "not-the-token").statusCode()).isEqualTo(401);
        HttpResponse<String> answered = admin(service, token);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("services")
    void openApiAndPrometheusAreServedWithoutToken(String service) {
        HttpResponse<String> docs = get(service, "/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"/admin/").contains("\"scheme\":\"bearer\"");
        HttpResponse<String> metrics = get(service, "/actuator/prometheus", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void everyMetricTheDashboardPlotsExistsAfterAPipelineRun() throws IOException {
        Set<String> plotted = metricsOf(Files.readString(DASHBOARD));
        assertThat(plotted)
                .as("the dashboard plots Tidewater's own meters")
                .anyMatch(name -> name.startsWith("tidewater_"));

        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(scrapedMetrics()).containsAll(plotted));
    }

    @Test
    void logLinesOfAListenerCarryTheMessageRunJobAndTableAsCorrelationIds() {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(logged())
                .filteredOn(event -> event.getLoggerName().endsWith("LoadJobListener"))
                .anySatisfy(event -> assertThat(event.getMDCPropertyMap())
                        .containsKeys("messageId", "runId", "jobId")
                        .containsEntry("queue", "tidewater-load-jobs")
                        .containsEntry("table", "inventory.objects")));
        assertThat(logged())
                .as("a listener's ids do not leak into the next message's lines on the same thread")
                .filteredOn(event -> event.getLoggerName().endsWith("S3EventListener"))
                .allSatisfy(event -> assertThat(event.getMDCPropertyMap()).doesNotContainKey("jobId"));
    }

    private List<ILoggingEvent> logged() {
        // The appender adds under its own lock.
        synchronized (logEvents) {
            return List.copyOf(logEvents.list);
        }
    }

    private Set<String> scrapedMetrics() {
        StringBuilder scraped = new StringBuilder();
        services()
                .forEach(service -> scraped.append(
                        get(service, "/actuator/prometheus", null).body()));
        return metricsOf(scraped.toString());
    }

    private static Set<String> metricsOf(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private HttpResponse<String> admin(String service, String bearerToken) {
        AdminCall call = ADMIN_CALLS.get(service);
        HttpRequest.Builder request = HttpRequest.newBuilder(url(service, call.path()));
        if (call.body() == null) {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "text/plain")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
        }
        return send(request, bearerToken);
    }

    private HttpResponse<String> get(String service, String path, String bearerToken) {
        return send(HttpRequest.newBuilder(url(service, path)).GET(), bearerToken);
    }

    private URI url(String service, String path) {
        return URI.create("http://127.0.0.1:" + pipeline.services().port(service) + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String bearerToken) {
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        request.timeout(Duration.ofSeconds(60));
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot call " + request.build().uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "Interrupted calling " + request.build().uri(), e);
        }
    }
}
