package io.tidewater.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * The properties a service really has: the keys of its {@code <module>.yml}, the keys its placeholders refer to, and an
 * explicit list of Spring, spring-cloud-aws and properties-record keys. Decides, with Spring's own relaxed binding,
 * whether an environment variable sets one of them (as for the process environment, named {@code systemEnvironment}).
 */
final class ServiceProperties {

    static final List<String> MODULES =
            List.of("workflow-trigger", "inventory-service", "billing-service", "iceberg-loader");

    /**
     * Spring Boot, Spring Boot Admin client and spring-cloud-aws properties the deployments set (LocalServices sets the
     * same ones).
     */
    static final Set<String> SPRING_PROPERTIES = Set.of(
            "spring.main.banner-mode",
            "logging.file.name",
            "spring.boot.admin.client.url",
            "spring.boot.admin.client.username",
            "spring.boot.admin.client.password",
            "spring.boot.admin.client.instance.service-base-url",
            "spring.autoconfigure.exclude",
            "spring.cloud.aws.region.static",
            "spring.cloud.aws.credentials.access-key",
            "spring.cloud.aws.credentials.secret-key",
            "spring.cloud.aws.sqs.endpoint",
            "spring.cloud.aws.s3.endpoint",
            "spring.cloud.aws.s3.path-style-access-enabled",
            "spring.cloud.aws.sns.endpoint");

    /** Components of the properties records that the yml leaves to their defaults (TriggerProperties.Ledger). */
    static final Set<String> RECORD_PROPERTIES = Set.of(
            "tidewater.trigger.ledger.username",
            "tidewater.trigger.ledger.password",
            "tidewater.trigger.ledger.maximum-pool-size");

    /** Map-valued properties: any key below them is the library's own (Iceberg catalog, Spark). */
    static final List<String> OPEN_MAPS = List.of(
            "tidewater.loader.catalog.properties.", "tidewater.loader.catalogs.", "tidewater.loader.spark.config.");

    /** Variables read by the JVM or the image, not by Spring. */
    static final Set<String> PROCESS_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "SPARK_LOCAL_IP");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9.\\-]+)[:}]");

    private final String module;
    private final Set<String> keys;

    private ServiceProperties(String module, Set<String> keys) {
        this.module = module;
        this.keys = keys;
    }

    static Path repositoryRoot() {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("mvnw"))) {
            throw new IllegalStateException(
                    "Cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return root;
    }

    static ServiceProperties of(String module) {
        Path yml = repositoryRoot().resolve(module + "/src/main/resources/" + module + ".yml");
        try {
            String text = Files.readString(yml);
            Set<String> keys = new TreeSet<>();
            flatten("", new Yaml().load(text), keys);
            Matcher placeholders = PLACEHOLDER.matcher(text);
            while (placeholders.find()) {
                keys.add(placeholders.group(1));
            }
            keys.addAll(SPRING_PROPERTIES);
            keys.addAll(RECORD_PROPERTIES);
            return new ServiceProperties(module, keys);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + yml + ": " + e.getMessage(), e);
        }
    }

    Set<String> keys() {
        return keys;
    }

    /** Every variable that does not set a real property of this service, with the reason; empty when all do. */
    List<String> problemsWith(Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        environment.forEach((name, value) -> {
            if (name.equals("SPRING_APPLICATION_JSON")) {
                Set<String> jsonKeys = new TreeSet<>();
                flatten("", new Yaml().load(value), jsonKeys);
                jsonKeys.stream()
                        .filter(key -> !keys.contains(key) && OPEN_MAPS.stream().noneMatch(key::startsWith))
                        .forEach(key -> problems.add(module + ": SPRING_APPLICATION_JSON sets " + key
                                + ", which is neither in " + module + ".yml nor a known property"));
            } else if (!PROCESS_VARIABLES.contains(name)) {
                problemWith(name).ifPresent(problems::add);
            }
        });
        return problems;
    }

    private java.util.Optional<String> problemWith(String variable) {
        ConfigurationPropertySource source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "value")));
        String bound = ((IterableConfigurationPropertySource) source)
                .stream().map(ConfigurationPropertyName::toString).findFirst().orElse("?");
        for (String key : keys) {
            // Keys with capitals (Spark's) are no canonical names: no variable can set them.
            if (!ConfigurationPropertyName.isValid(key)
                    || source.getConfigurationProperty(ConfigurationPropertyName.of(key)) == null) {
                continue;
            }
            // A map binds the key as the variable spells it: dashes and capitals are lost on the way.
            if (OPEN_MAPS.stream().anyMatch(key::startsWith) && !key.equals(bound)) {
                return java.util.Optional.of(module + ": " + variable + " binds map key " + bound + ", not " + key
                        + "; set it in SPRING_APPLICATION_JSON");
            }
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(module + ": " + variable + " (" + bound + ") is neither in " + module
                + ".yml nor a known Spring or spring-cloud-aws property");
    }

    private static void flatten(String prefix, Object node, Set<String> keys) {
        if (node instanceof Map<?, ?> map) {
            map.forEach(
                    (key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, keys));
        } else if (node instanceof List<?> list) {
            for (int index = 0; index < list.size(); index++) {
                flatten(prefix + "[" + index + "]", list.get(index), keys);
            }
            if (list.isEmpty()) {
                keys.add(prefix);
            }
        } else if (!prefix.isEmpty()) {
            keys.add(prefix);
        }
    }
}
