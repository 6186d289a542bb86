package io.tidewater.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

/**
 * Every Allow statement of every policy in the template: identity policies (roles and policies) and resource policies
 * (queues, buckets, topics).
 */
class LeastPrivilegePolicyTest {

    /** Services whose resources hold or carry Tidewater's data. */
    private static final Set<String> DATA_SERVICES = Set.of("s3", "sqs", "glue", "s3tables", "secretsmanager", "sns");

    static Stream<Arguments> deployments() {
        return Stream.of(
                Arguments.of("Glue, new resources", SynthesizedDeployments.glueWithNewResources()),
                Arguments.of("S3 Tables, existing resources", SynthesizedDeployments.s3TablesWithExistingResources()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void grantsNoWildcardAction(String deployment, Template template) {
        assertThat(allowStatements(template))
                .as("the statements this test reads")
                .hasSizeGreaterThan(20);
        List<String> wildcards = new ArrayList<>();
        for (PolicyStatement statement : allowStatements(template)) {
            statement.actions().stream()
                    .filter(action -> action.contains("*"))
                    .forEach(action -> wildcards.add(statement.where() + ": " + action));
        }
        assertThat(wildcards).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void grantsNoWildcardResourceOnData(String deployment, Template template) {
        List<String> wildcards = new ArrayList<>();
        for (PolicyStatement statement : allowStatements(template)) {
            boolean onData = statement.actions().stream()
                    .anyMatch(action -> DATA_SERVICES.contains(action.substring(0, action.indexOf(':'))));
            if (onData) {
                statement.resources().stream()
                        .filter(LeastPrivilegePolicyTest::isWildcard)
                        .forEach(resource ->
                                wildcards.add(statement.where() + " " + statement.actions() + ": " + resource));
            }
        }
        assertThat(wildcards).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void letsAwsServicesInOnlyForThisAccountAndTheNamedSource(String deployment, Template template) {
        List<String> unbounded = new ArrayList<>();
        for (PolicyStatement statement : allowStatements(template)) {
            if (statement.servicePrincipal() && !statement.where().startsWith("AWS::IAM::Role")) {
                String conditions = String.valueOf(statement.conditions());
                if (!conditions.contains("aws:SourceArn") || !conditions.contains("aws:SourceAccount")) {
                    unbounded.add(statement.where() + ": " + conditions);
                }
            }
        }
        assertThat(unbounded).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void deletesOnlyInTheWarehouse(String deployment, Template template) {
        List<String> deletes = allowStatements(template).stream()
                .filter(statement -> statement.actions().stream().anyMatch(action -> action.contains("Delete")))
                .flatMap(statement -> statement.actions().stream()
                        .filter(action -> action.contains("Delete"))
                        .map(action -> action + " on " + statement.resources()))
                .toList();
        assertThat(deletes).allSatisfy(delete -> assertThat(delete)
                .as("only the loader deletes objects (Iceberg's failed commits), and consumers delete messages")
                .matches("(s3:DeleteObject on .*\\.db/.*|sqs:DeleteMessage on .*)"));
    }

    @org.junit.jupiter.api.Test
    void countsWholeBucketsAndBareStarsAsWildcardsButNotNamedPrefixes() {
        assertThat(isWildcard("*")).isTrue();
        assertThat(isWildcard("arn:aws:s3:::bucket/*")).isTrue();
        assertThat(isWildcard("arn:aws:s3:::bucket-*")).isTrue();
        assertThat(isWildcard("arn:aws:s3:::bucket/inventory/*")).isFalse();
        assertThat(isWildcard("arn:aws:sqs:eu-west-1:123456789012:tidewater-load-jobs"))
                .isFalse();
    }

    /**
     * {@code *} alone, or a wildcard anywhere but a trailing {@code /*} below a named prefix (objects under
     * {@code bucket/inventory/}, tables of one table bucket).
     */
    private static boolean isWildcard(String resource) {
        if (!resource.contains("*")) {
            return false;
        }
        if (!resource.endsWith("/*")) {
            return true;
        }
        String folder = resource.substring(0, resource.length() - 2);
        if (folder.contains("*")) {
            return true;
        }
        // An S3 object resource must name a prefix below the bucket, not every object of it.
        int bucketStart = folder.indexOf(":::");
        return bucketStart >= 0 && !folder.substring(bucketStart + 3).contains("/");
    }

    record PolicyStatement(
            String where, List<String> actions, List<String> resources, boolean servicePrincipal, Object conditions) {}

    @SuppressWarnings("unchecked")
    private static List<PolicyStatement> allowStatements(Template template) {
        List<PolicyStatement> statements = new ArrayList<>();
        Map<String, Object> resources = (Map<String, Object>) template.toJSON().get("Resources");
        resources.forEach((logicalId, value) -> {
            Map<String, Object> resource = (Map<String, Object>) value;
            String type = String.valueOf(resource.get("Type"));
            Map<String, Object> properties = (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
            List<Object> documents = new ArrayList<>();
            switch (type) {
                case "AWS::IAM::Policy", "AWS::SQS::QueuePolicy", "AWS::S3::BucketPolicy", "AWS::SNS::TopicPolicy" ->
                    documents.add(properties.get("PolicyDocument"));
                case "AWS::IAM::Role" ->
                    ((List<Object>) properties.getOrDefault("Policies", List.of()))
                            .forEach(policy -> documents.add(((Map<String, Object>) policy).get("PolicyDocument")));
                default -> {}
            }
            for (Object document : documents) {
                for (Object raw : (List<Object>) ((Map<String, Object>) document).get("Statement")) {
                    Map<String, Object> statement = (Map<String, Object>) raw;
                    if (!"Allow".equals(statement.get("Effect"))) {
                        continue;
                    }
                    Object principal = statement.get("Principal");
                    statements.add(new PolicyStatement(
                            type + " " + logicalId,
                            strings(statement.get("Action")),
                            strings(statement.get("Resource")),
                            principal instanceof Map<?, ?> map && map.containsKey("Service"),
                            statement.get("Condition")));
                }
            }
        });
        return statements;
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(LeastPrivilegePolicyTest::render).toList();
        }
        return List.of(render(value));
    }

    /** A CloudFormation value as text: joins joined, references as {@code {Ref}} placeholders. */
    @SuppressWarnings("unchecked")
    private static String render(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Map<?, ?> map && map.containsKey("Fn::Join")) {
            List<Object> join = (List<Object>) map.get("Fn::Join");
            List<String> parts = ((List<Object>) join.get(1))
                    .stream().map(LeastPrivilegePolicyTest::render).toList();
            return String.join(String.valueOf(join.get(0)), parts);
        }
        return "{" + String.valueOf(value).replace("*", "") + "}";
    }
}
