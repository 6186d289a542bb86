package io.tidewater.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awscdk.assertions.Template;

/**
 * infra/compose/prometheus/alerts.yml raises what the CDK app's CloudWatch alarms raise: any dead-letter queue not
 * empty, a run that failed or was quarantined, no completed load within the freshness window.
 */
class AlertRulesTest {

    private static Map<String, Map<String, Object>> alerts;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readRules() throws IOException {
        Map<String, Object> file = new Yaml()
                .load(Files.readString(
                        ServiceProperties.repositoryRoot().resolve("infra/compose/prometheus/alerts.yml")));
        List<Map<String, Object>> groups = (List<Map<String, Object>>) file.get("groups");
        alerts = groups.stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                .collect(Collectors.toMap(rule -> (String) rule.get("alert"), rule -> rule));
    }

    @Test
    void hasOneRuleForEachKindOfCloudWatchAlarm() {
        assertThat(alerts).containsOnlyKeys("TidewaterDeadLetters", "TidewaterRunFailed", "TidewaterNoLoad");
        assertThat(alerts.values()).allSatisfy(rule -> assertThat(rule).containsKeys("expr", "labels", "annotations"));
    }

    @Test
    void theDeadLetterRuleCoversEveryDeadLetterQueueTheStackCreates() {
        Template template = SynthesizedDeployments.glueWithNewResources();
        List<String> deadLetterQueues = template.findResources("AWS::SQS::Queue").values().stream()
                .map(queue -> String.valueOf(properties(queue).get("QueueName")))
                .filter(name -> name.endsWith("-dlq"))
                .toList();
        Matcher selector = Pattern.compile("tidewater_queue_depth\\{queue=~\"([^\"]+)\"}")
                .matcher(expression("TidewaterDeadLetters"));

        assertThat(selector.find()).isTrue();
        // PromQL anchors its regular expressions at both ends, as Java's matches() does.
        Pattern queues = Pattern.compile(selector.group(1));
        assertThat(deadLetterQueues).isNotEmpty().allMatch(name -> queues.matcher(name)
                .matches());
        assertThat(template.findResources("AWS::CloudWatch::Alarm").keySet().stream()
                        .filter(id -> id.contains("DeadLetters")))
                .as("one CloudWatch alarm per dead-letter queue, as the rule is per queue")
                .hasSameSizeAs(deadLetterQueues);
        assertThat(expression("TidewaterDeadLetters")).endsWith(">= 1");
    }

    @Test
    void theFailedRunRuleCountsBothStatesTheFailedRunsAlarmForwards() {
        assertThat(expression("TidewaterRunFailed"))
                .contains("tidewater_runs_finished_total{state=~\"failed|quarantined\"}")
                .endsWith("> 0");
    }

    @Test
    void theNoLoadRuleUsesTheStacksDefaultFreshnessWindow() {
        Matcher window = Pattern.compile(
                        "increase\\(tidewater_load_duration_seconds_count\\{outcome=\"succeeded\"}\\[(\\d+)h]\\)\\) < 1")
                .matcher(expression("TidewaterNoLoad"));

        assertThat(window.find()).isTrue();
        Duration rule = Duration.ofHours(Long.parseLong(window.group(1)));
        assertThat(rule).isEqualTo(SynthesizedDeployments.GLUE_WITH_NEW_RESOURCES.freshness());
        Map<String, Object> freshness =
                SynthesizedDeployments.glueWithNewResources()
                        .findResources("AWS::CloudWatch::Alarm")
                        .entrySet()
                        .stream()
                        .filter(alarm -> alarm.getKey().contains("Freshness"))
                        .map(alarm -> properties(alarm.getValue()))
                        .findFirst()
                        .orElseThrow();
        assertThat(((Number) freshness.get("Period")).longValue()).isEqualTo(rule.toSeconds());
    }

    private static String expression(String alert) {
        return String.valueOf(alerts.get(alert).get("expr")).strip();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Object resource) {
        return (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
    }
}
