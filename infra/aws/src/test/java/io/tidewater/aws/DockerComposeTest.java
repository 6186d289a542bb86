package io.tidewater.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml, checked without Docker: what it runs, on which ports, with which real properties. */
class DockerComposeTest {

    private static final Path ROOT = ServiceProperties.repositoryRoot();
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readCompose() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void runsLocalStackPostgresTheFourServicesTheOperatorConsolePrometheusAndGrafana() {
        assertThat(services)
                .containsOnlyKeys(
                        "localstack",
                        "postgres",
                        "workflow-trigger",
                        "inventory-service",
                        "billing-service",
                        "iceberg-loader",
                        "operator-console",
                        "prometheus",
                        "grafana");
        assertThat(String.valueOf(environmentOf("localstack").get("SERVICES")).split(","))
                .contains("s3", "sqs", "sns");
    }

    @Test
    void publishesEachServiceOnItsOwnServerPort() {
        for (String module : ServiceProperties.MODULES) {
            String port = serverPortOf(module);
            assertThat(portsOf(module))
                    .as(module + " listens on server.port " + port)
                    .containsExactly(port + ":" + port);
        }
        assertThat(portsOf("localstack")).containsExactly("4566:4566");
        assertThat(portsOf("postgres")).containsExactly("5432:5432");
        assertThat(portsOf("prometheus")).containsExactly("9090:9090");
        assertThat(portsOf("grafana")).containsExactly("3000:3000");
        assertThat(portsOf("operator-console")).containsExactly("8080:8080");
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsTheOperatorConsoleFromTheOneDockerfileWithARequiredLoginThatEveryServiceRegistersWith() {
        Map<String, Object> build =
                (Map<String, Object>) services.get("operator-console").get("build");
        assertThat(build.get("context")).isEqualTo(".");
        assertThat((Map<String, Object>) build.get("args"))
                .containsEntry("MODULE", "operator-console")
                .containsEntry("PORT", "8080");
        assertThat(environmentOf("operator-console"))
                .hasEntrySatisfying(
                        "TIDEWATER_CONSOLE_USER", value -> assertThat(value).startsWith("${TIDEWATER_CONSOLE_USER:?"))
                .hasEntrySatisfying("TIDEWATER_CONSOLE_PASSWORD", value -> assertThat(value)
                        .startsWith("${TIDEWATER_CONSOLE_PASSWORD:?"));
        for (String module : ServiceProperties.MODULES) {
            assertThat(environmentOf(module))
                    .as(module)
                    .containsEntry("SPRING_BOOT_ADMIN_CLIENT_URL", "http://operator-console:8080")
                    .containsEntry(
                            "SPRING_BOOT_ADMIN_CLIENT_INSTANCE_SERVICEBASEURL",
                            "http://" + module + ":" + serverPortOf(module))
                    .containsKeys("SPRING_BOOT_ADMIN_CLIENT_USERNAME", "SPRING_BOOT_ADMIN_CLIENT_PASSWORD");
        }
    }

    @Test
    void everyEnvironmentVariableOfAServiceNamesARealProperty() {
        List<String> problems = new ArrayList<>();
        for (String module : ServiceProperties.MODULES) {
            problems.addAll(ServiceProperties.of(module).problemsWith(environmentOf(module)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void pointsEveryServiceAtLocalStackAsTheEmbeddedStackPointsThemAtItsServers() {
        for (String module : ServiceProperties.MODULES) {
            assertThat(environmentOf(module))
                    .as(module)
                    .containsEntry("SPRING_CLOUD_AWS_SQS_ENDPOINT", "http://localstack:4566")
                    .containsEntry("SPRING_CLOUD_AWS_S3_ENDPOINT", "http://localstack:4566")
                    .containsEntry("SPRING_CLOUD_AWS_S3_PATHSTYLEACCESSENABLED", "true")
                    .containsKey("SPRING_CLOUD_AWS_REGION_STATIC");
        }
        assertThat(environmentOf("iceberg-loader").get("SPRING_APPLICATION_JSON"))
                .contains("\"s3.endpoint\": \"http://localstack:4566\"")
                .contains("\"spark.hadoop.fs.s3a.endpoint\": \"http://localstack:4566\"")
                .contains("jdbc:postgresql://postgres:5432/tidewater");
    }

    @Test
    @SuppressWarnings("unchecked")
    void buildsEveryServiceFromTheOneDockerfileAsTheCdkAppDoes() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("ARG MODULE").contains("AS spark-service");
        for (String module : ServiceProperties.MODULES) {
            Map<String, Object> build =
                    (Map<String, Object>) services.get(module).get("build");
            assertThat(build.get("context")).as(module).isEqualTo(".");
            assertThat(build.get("dockerfile")).as(module).isNull();
            var asset = TidewaterServices.imageAsset(specOf(module));
            assertThat(asset.getFile()).as(module).isEqualTo("Dockerfile");
            assertThat((Map<String, Object>) build.get("args"))
                    .as(module + ": compose builds the image the CDK app builds")
                    .isEqualTo(asset.getBuildArgs())
                    .containsEntry("MODULE", module)
                    .containsEntry("PORT", serverPortOf(module));
            assertThat(build.get("target")).as(module).isEqualTo(asset.getTarget());
            assertThat(asset.getExclude()).as(module).contains("!" + module + "/target/*-exec.jar");
            assertThat(ROOT.resolve(module).resolve("Dockerfile")).as(module).doesNotExist();
        }
        assertThat(TidewaterServices.imageAsset(TidewaterServices.LOADER).getTarget())
                .as("Spark's JVM flags are the loader's only")
                .isEqualTo("spark-service");
    }

    private static TidewaterServices.ServiceSpec specOf(String module) {
        return java.util.stream.Stream.of(
                        TidewaterServices.TRIGGER,
                        TidewaterServices.INVENTORY,
                        TidewaterServices.BILLING,
                        TidewaterServices.LOADER)
                .filter(spec -> spec.module().equals(module))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void localStackInitCreatesEveryQueueTheServicesNameAndEveryBucketOfTheEmbeddedStack() throws IOException {
        String init = Files.readString(ROOT.resolve("infra/compose/localstack/init/tidewater.sh"));
        List<String> queues = new ArrayList<>();
        for (String module : ServiceProperties.MODULES) {
            Map<String, String> values = valuesOf(module);
            values.forEach((key, value) -> {
                if (key.endsWith("queue") && !value.isBlank()) {
                    queues.add(value);
                }
            });
        }
        Map<String, Object> local =
                new Yaml().load(Files.readString(ROOT.resolve("infra/local/src/main/resources/tidewater-local.yml")));
        for (Object queue : (List<?>) ((Map<?, ?>) local.get("sqs")).get("queues")) {
            queues.add(String.valueOf(((Map<?, ?>) queue).get("name")));
        }
        assertThat(queues).isNotEmpty().allSatisfy(queue -> assertThat(init).contains("\n  " + queue + "\n"));
        for (Object bucket : (List<?>) ((Map<?, ?>) local.get("s3")).get("buckets")) {
            assertThat(init).contains(String.valueOf(bucket));
        }
        assertThat(init).contains("${queue}-dlq").contains("put-bucket-notification-configuration");
        assertThat(volumesOf("localstack")).contains("./infra/compose/localstack/init:/etc/localstack/init/ready.d:ro");
    }

    @Test
    void grafanaProvisionsTheSharedDashboardFolderAndPrometheusScrapesEveryService() throws IOException {
        assertThat(volumesOf("grafana")).contains("./infra/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        assertThat(ROOT.resolve("infra/grafana/dashboards")).isDirectory();
        assertThat(Files.readString(ROOT.resolve("infra/compose/grafana/provisioning/dashboards/tidewater.yml")))
                .contains("path: /var/lib/grafana/dashboards");
        String prometheus = Files.readString(ROOT.resolve("infra/compose/prometheus/prometheus.yml"));
        assertThat(prometheus).contains("metrics_path: /actuator/prometheus");
        for (String module : ServiceProperties.MODULES) {
            assertThat(prometheus).contains("\"" + module + ":" + serverPortOf(module) + "\"");
        }
    }

    /** The port, or the default of the placeholder it is given by ({@code ${tidewater.inventory.port:8082}}). */
    private static String serverPortOf(String module) {
        return valuesOf(module).get("server.port").replaceAll("^\\$\\{[^:}]+:(\\d+)}$", "$1");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> valuesOf(String module) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            Path yml = ROOT.resolve(module + "/src/main/resources/" + module + ".yml");
            flatten("", new Yaml().load(Files.readString(yml)), values);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return values;
    }

    private static void flatten(String prefix, Object node, Map<String, String> values) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, value, values));
        } else if (!(node instanceof List<?>)) {
            values.put(prefix, String.valueOf(node));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environmentOf(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<String, Object>) services.get(service).get("environment"))
                .forEach((name, value) -> environment.put(name, String.valueOf(value)));
        return environment;
    }

    private static List<String> portsOf(String service) {
        return ((List<?>) services.get(service).get("ports"))
                .stream().map(String::valueOf).toList();
    }

    private static List<String> volumesOf(String service) {
        return ((List<?>) services.get(service).get("volumes"))
                .stream().map(String::valueOf).toList();
    }
}
