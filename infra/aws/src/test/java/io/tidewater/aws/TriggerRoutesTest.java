package io.tidewater.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The deployment routes the completion markers that workflow-trigger.yml routes, and S3 notifies the trigger of every
 * one of them. The yml is read here on its own (snakeyaml, from the repository), so that a pattern written into the
 * CDK app by hand, or a route the buckets' notifications miss, fails.
 */
class TriggerRoutesTest {

    private static final Path TRIGGER_YML =
            ServiceProperties.repositoryRoot().resolve("workflow-trigger/src/main/resources/workflow-trigger.yml");

    @Test
    void theAppReadsTheTriggersOwnYml() throws IOException {
        try (InputStream resource = TriggerRoutes.class.getResourceAsStream(TriggerRoutes.RESOURCE)) {
            assertThat(resource).as("infra/aws/pom.xml copies it").isNotNull();
            assertThat(resource.readAllBytes()).isEqualTo(Files.readAllBytes(TRIGGER_YML));
        }
    }

    @Test
    void theTriggerTaskGetsEveryRouteOfTheYmlWithTheDeploymentsBuckets() {
        Map<String, String> deployedBuckets = Map.of(
                "tidewater-inventory",
                SynthesizedDeployments.S3_TABLES_WITH_EXISTING_RESOURCES
                        .inventory()
                        .existingBucket(),
                "tidewater-billing",
                SynthesizedDeployments.S3_TABLES_WITH_EXISTING_RESOURCES
                        .billing()
                        .existingBucket());
        Map<String, String> expected = new LinkedHashMap<>();
        List<Map<String, Object>> routes = ymlRoutes();
        for (int index = 0; index < routes.size(); index++) {
            String prefix = "tidewater.trigger.routes[" + index + "].";
            routes.get(index)
                    .forEach((key, value) -> expected.put(
                            SpringEnvironmentName.of(prefix + key),
                            key.equals("bucket") ? deployedBuckets.get(String.valueOf(value)) : String.valueOf(value)));
        }

        Map<String, String> trigger = ServiceEnvironmentTest.environments(
                        SynthesizedDeployments.s3TablesWithExistingResources())
                .get("workflow-trigger");
        Map<String, String> deployedRoutes = new LinkedHashMap<>();
        trigger.forEach((name, value) -> {
            if (name.startsWith("TIDEWATER_TRIGGER_ROUTES_")) {
                deployedRoutes.put(name, value);
            }
        });

        assertThat(deployedRoutes).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void eachReportBucketNotifiesTheTriggerOfEveryMarkerItsRoutesMatch() {
        TidewaterStackProps props = SynthesizedDeployments.GLUE_WITH_NEW_RESOURCES;
        Map<String, String> reportPrefixes = Map.of(
                "tidewater-inventory", props.inventory().prefix(),
                "tidewater-billing", props.billing().prefix());
        Map<String, String> suffixByPrefix =
                notificationSuffixesByPrefix(SynthesizedDeployments.glueWithNewResources());

        for (Map<String, Object> route : ymlRoutes()) {
            String prefix = reportPrefixes.get(String.valueOf(route.get("bucket")));
            String marker = prefix + markerMatchedBy(route);
            assertThat(suffixByPrefix)
                    .as("the notification of the bucket of route %s", route.get("pipeline"))
                    .containsKey(prefix);
            assertThat(marker).as("a marker of route %s", route.get("pipeline")).endsWith(suffixByPrefix.get(prefix));
        }
    }

    @Nested
    class NotificationSuffix {

        @Test
        void isTheLongestEndingAllTheBucketsRoutesShare() throws IOException {
            TriggerRoutes routes = read(
                    """
                    tidewater:
                      trigger:
                        routes:
                          - {pipeline: a, bucket: b, glob: "**/metadata/*/*-Manifest.json", queue: q}
                          - {pipeline: c, bucket: b, suffix: /x-Manifest.json, queue: q}
                          - {pipeline: d, bucket: other, suffix: /manifest.checksum, queue: q}
                    """);

            assertThat(routes.notificationSuffix("b")).isEqualTo("-Manifest.json");
            assertThat(routes.notificationSuffix("other")).isEqualTo("/manifest.checksum");
        }

        @Test
        void refusesRoutesWhoseMarkersShareNoEnding() throws IOException {
            TriggerRoutes routes = read(
                    """
                    tidewater:
                      trigger:
                        routes:
                          - {pipeline: a, bucket: b, suffix: .json, queue: q}
                          - {pipeline: c, bucket: b, glob: "**/done", queue: q}
                    """);

            assertThatThrownBy(() -> routes.notificationSuffix("b"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cannot filter the events of bucket b: its routes' markers share no key suffix [.json,"
                            + " /done]");
        }
    }

    @Test
    void refusesARoutePropertyTheDeploymentWouldDrop() {
        assertThatThrownBy(
                        () -> read(
                                """
                        tidewater:
                          trigger:
                            routes:
                              - {pipeline: a, bucket: b, suffix: .json, queue: q, priority: 1}
                        """))
                .hasMessageContaining("Unrecognized field \"priority\"");
    }

    private static TriggerRoutes read(String yml) throws IOException {
        return TriggerRoutes.read(new ByteArrayInputStream(yml.getBytes(StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> ymlRoutes() {
        try {
            Map<String, Object> root = new Yaml().load(Files.readString(TRIGGER_YML));
            Map<String, Object> trigger =
                    (Map<String, Object>) ((Map<String, Object>) root.get("tidewater")).get("trigger");
            return (List<Map<String, Object>>) trigger.get("routes");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + TRIGGER_YML + ": " + e.getMessage(), e);
        }
    }

    /** A key the route matches: its suffix after a report name, or its glob with each wildcard filled in. */
    private static String markerMatchedBy(Map<String, Object> route) {
        if (route.get("suffix") != null) {
            return "report" + route.get("suffix");
        }
        return String.valueOf(route.get("glob"))
                .replace("**", "2024/exports")
                .replace("*", "x")
                .replace("?", "x");
    }

    /** The prefix and suffix rule of each bucket's event notification. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> notificationSuffixesByPrefix(Template template) {
        Map<String, String> suffixByPrefix = new LinkedHashMap<>();
        template.findResources(
                        "AWS::S3::Bucket", Map.of("Properties", Map.of("NotificationConfiguration", Match.anyValue())))
                .values()
                .forEach(bucket -> {
                    Map<String, Object> notification = (Map<String, Object>)
                            ((Map<String, Object>) bucket.get("Properties")).get("NotificationConfiguration");
                    for (Object queue : (List<Object>) notification.get("QueueConfigurations")) {
                        Map<String, Object> filter = (Map<String, Object>) ((Map<String, Object>) queue).get("Filter");
                        List<Map<String, String>> rules =
                                (List<Map<String, String>>) ((Map<String, Object>) filter.get("S3Key")).get("Rules");
                        Map<String, String> byName = new LinkedHashMap<>();
                        rules.forEach(rule -> byName.put(rule.get("Name"), rule.get("Value")));
                        suffixByPrefix.put(byName.get("prefix"), byName.get("suffix"));
                    }
                });
        return suffixByPrefix;
    }
}
