package io.tidewater.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The Fargate tasks configure the services through real properties, as docker-compose.yml does. */
class ServiceEnvironmentTest {

    @Test
    void everyVariableOfEveryTaskNamesARealPropertyInBothDeployments() {
        List<String> problems = new ArrayList<>();
        for (Template template : List.of(
                SynthesizedDeployments.glueWithNewResources(),
                SynthesizedDeployments.s3TablesWithExistingResources())) {
            environments(template)
                    .forEach((module, environment) ->
                            problems.addAll(ServiceProperties.of(module).problemsWith(environment)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceGetsItsRegionTheTriggerItsLedgerAndBucketsAndTheLoaderItsSourceBuckets() {
        Map<String, Map<String, String>> environments =
                environments(SynthesizedDeployments.s3TablesWithExistingResources());
        assertThat(environments).containsOnlyKeys(ServiceProperties.MODULES);
        environments.values().forEach(environment -> assertThat(environment)
                .containsKey("SPRING_CLOUD_AWS_REGION_STATIC"));
        assertThat(environments.get("workflow-trigger"))
                .containsEntry("TIDEWATER_TRIGGER_ALLOWEDBUCKETS_0", "acme-inventory")
                .containsEntry("TIDEWATER_TRIGGER_ROUTES_1_BUCKET", "acme-cur")
                .containsKeys("TIDEWATER_TRIGGER_LEDGER_USERNAME", "TIDEWATER_TRIGGER_LEDGER_PASSWORD");
        assertThat(environments.get("iceberg-loader"))
                .containsEntry("TIDEWATER_LOADER_SOURCEBUCKETS_0", "acme-inventory")
                .containsEntry("TIDEWATER_LOADER_SOURCEBUCKETS_1", "acme-cur");
        assertThat(environments.get("iceberg-loader").get("SPRING_APPLICATION_JSON"))
                .contains("\"type\":\"rest\"")
                .contains("\"rest.signing-name\":\"s3tables\"");
    }

    /** Each container's variables and secrets by name; values that CloudFormation computes become TOKEN. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, String>> environments(Template template) {
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        template.findResources("AWS::ECS::TaskDefinition").values().forEach(resource -> {
            Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
            for (Object raw : (List<Object>) properties.get("ContainerDefinitions")) {
                Map<String, Object> container = (Map<String, Object>) raw;
                Map<String, String> environment = new LinkedHashMap<>();
                for (Object variable : (List<Object>) container.getOrDefault("Environment", List.of())) {
                    Map<String, Object> entry = (Map<String, Object>) variable;
                    environment.put(String.valueOf(entry.get("Name")), text(entry.get("Value")));
                }
                for (Object secret : (List<Object>) container.getOrDefault("Secrets", List.of())) {
                    environment.put(String.valueOf(((Map<String, Object>) secret).get("Name")), "SECRET");
                }
                environments.put(String.valueOf(container.get("Name")), environment);
            }
        });
        return environments;
    }

    @SuppressWarnings("unchecked")
    private static String text(Object value) {
        if (value instanceof String string) {
            return string;
        }
        if (value instanceof Map<?, ?> map && map.containsKey("Fn::Join")) {
            List<Object> join = (List<Object>) map.get("Fn::Join");
            StringBuilder joined = new StringBuilder();
            for (Object part : (List<Object>) join.get(1)) {
                joined.append(part instanceof String string ? string : "TOKEN");
            }
            return joined.toString();
        }
        return "TOKEN";
    }
}
