package io.tidewater.local.services;

import io.tidewater.billing.BillingServiceApplication;
import io.tidewater.console.OperatorConsoleApplication;
import io.tidewater.inventory.InventoryServiceApplication;
import io.tidewater.loader.IcebergLoaderApplication;
import io.tidewater.local.stack.LocalCatalog;
import io.tidewater.local.stack.LocalStack;
import io.tidewater.local.stack.LocalStackProperties;
import io.tidewater.service.security.AdminSecurityAutoConfiguration;
import io.tidewater.trigger.WorkflowTriggerApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four services, started against the local stack, and the operator console they register with. They share nothing
 * but the classpath: each has its own Spring context and port, and they talk only through SQS and S3 (the console
 * through HTTP), as they do in production.
 */
public final class LocalServices implements AutoCloseable {

    /** A service's name and port, for printing. */
    public record Endpoint(String name, int port) {
        public String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private static final String ADMIN_TOKEN_PROPERTY = "tidewater.security.admin-token";
    private static final String ADMIN_TOKEN_VARIABLE = "TIDEWATER_ADMIN_TOKEN";
    private static final String ADMIN_TOKEN_FILE = "admin-token";
    private static final String LOG_FILE_PROPERTY = "tidewater.log-file";
    private static final String DEFAULT_LOG_FILE = ".tidewater/tidewater.log";
    private static final String CONSOLE_NAME = "operator-console";
    private static final String LOOPBACK = "127.0.0.1";
    private static final String TRANSFER_MANAGER_AUTO_CONFIGURATION =
            "io.awspring.cloud.autoconfigure.s3.S3TransferManagerAutoConfiguration";

    private final List<ConfigurableApplicationContext> contexts;
    private final ConfigurableApplicationContext loader;

    private LocalServices(List<ConfigurableApplicationContext> contexts, ConfigurableApplicationContext loader) {
        this.contexts = contexts;
        this.loader = loader;
    }

    public static LocalServices start(LocalStack stack) {
        return start(stack, Map.of());
    }

    /**
     * Starts the operator console first, so that every service can register with it, then the loader: the others send
     * it work, and it takes longest to start (Spark).
     *
     * @param overrides properties for every service and the console, such as {@code server.port=0} in tests
     */
    public static LocalServices start(LocalStack stack, Map<String, Object> overrides) {
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        try {
            ConfigurableApplicationContext console = startConsole(stack, overrides);
            started.add(console);
            Map<String, Object> registered = new LinkedHashMap<>();
            registered.put("spring.boot.admin.client.url", "http://" + LOOPBACK + ":" + localPort(console));
            registered.putAll(overrides);
            ConfigurableApplicationContext loader = startLoader(stack, registered, new RegisterOnLoopback());
            started.add(loader);
            started.add(run(InventoryServiceApplication.application(), stack, registered, new RegisterOnLoopback()));
            started.add(run(BillingServiceApplication.application(), stack, registered, new RegisterOnLoopback()));
            started.add(run(WorkflowTriggerApplication.application(), stack, registered, new RegisterOnLoopback()));
            return new LocalServices(List.copyOf(started), loader);
        } catch (RuntimeException e) {
            started.forEach(ConfigurableApplicationContext::close);
            throw e;
        }
    }

    /** The loader alone, as {@code ./tidewater sql} needs it when the stack is not up. */
    public static ConfigurableApplicationContext startLoader(LocalStack stack, Map<String, Object> overrides) {
        return startLoader(stack, overrides, new RegisterOnLoopback());
    }

    private static ConfigurableApplicationContext startLoader(
            LocalStack stack, Map<String, Object> overrides, RegisterOnLoopback registration) {
        Map<String, Object> properties = new LinkedHashMap<>(loaderProperties(stack));
        properties.putAll(overrides);
        return run(IcebergLoaderApplication.application(), stack, properties, registration);
    }

    /** The console on the loopback address only, where it needs no login (its ConsoleAccess). */
    private static ConfigurableApplicationContext startConsole(LocalStack stack, Map<String, Object> overrides) {
        Map<String, Object> properties = new LinkedHashMap<>(overrides);
        properties.put("server.address", LOOPBACK);
        // service-support's security chain (the services' bearer token on /admin) would be configured beside the
        // console's own: one classpath holds every service's jars here.
        properties.put(
                "spring.autoconfigure.exclude",
                TRANSFER_MANAGER_AUTO_CONFIGURATION + "," + AdminSecurityAutoConfiguration.class.getName());
        return run(OperatorConsoleApplication.application(), stack, properties);
    }

    /** The console first: {@code ./tidewater up} prints it first, as the place to start from. */
    public static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint(CONSOLE_NAME, 8080),
                new Endpoint("workflow-trigger", 8081),
                new Endpoint("inventory-service", 8082),
                new Endpoint("billing-service", 8083),
                new Endpoint("iceberg-loader", 8084));
    }

    /** The HTTP port a service listens on, by its {@code spring.application.name}, such as {@code inventory-service}. */
    public int port(String applicationName) {
        return localPort(context(applicationName));
    }

    /** The operator console's address, such as {@code http://127.0.0.1:8080}. */
    public String consoleUrl() {
        return "http://" + LOOPBACK + ":" + port(CONSOLE_NAME);
    }

    /** A service's context, by its {@code spring.application.name}, for a look at its beans (meters, in tests). */
    public ConfigurableApplicationContext context(String applicationName) {
        return contexts.stream()
                .filter(context ->
                        applicationName.equals(context.getEnvironment().getProperty("spring.application.name")))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Cannot find service " + applicationName));
    }

    /** The loader's context, for the launcher's look at the tables it wrote. */
    public ConfigurableApplicationContext loader() {
        return loader;
    }

    private static int localPort(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static ConfigurableApplicationContext run(
            SpringApplicationBuilder application,
            LocalStack stack,
            Map<String, Object> extra,
            RegisterOnLoopback registration) {
        return run(application.listeners(registration), stack, extra);
    }

    private static ConfigurableApplicationContext run(
            SpringApplicationBuilder application, LocalStack stack, Map<String, Object> extra) {
        Map<String, Object> properties = new LinkedHashMap<>(awsProperties(stack));
        properties.putAll(extra);
        properties.putIfAbsent(ADMIN_TOKEN_PROPERTY, adminToken(stack.dataDirectory()));
        // The console's UI brings Thymeleaf onto the one classpath; no service has templates for it to look for.
        properties.putIfAbsent("spring.thymeleaf.check-template-location", "false");
        // The console shows each service's log file: the one file the launcher's logback.xml writes them all to.
        properties.putIfAbsent("logging.file.name", System.getProperty(LOG_FILE_PROPERTY, DEFAULT_LOG_FILE));
        // As command-line arguments they outrank the service's own yml, as an operator's settings do.
        String[] arguments = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return application.run(arguments);
    }

    /**
     * The token every service's {@code /admin} takes: {@code TIDEWATER_ADMIN_TOKEN} when set, else the one kept in the
     * data directory, generated on first use, so that {@code ./tidewater sql} finds what {@code ./tidewater up} printed.
     */
    public static String adminToken(Path dataDirectory) {
        String fromEnvironment = System.getenv(ADMIN_TOKEN_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        Path file = dataDirectory.resolve(ADMIN_TOKEN_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDirectory);
            Files.writeString(file, token);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read or create the admin token in " + file + ": " + e.getMessage(), e);
        }
    }

    /** The spring-cloud-aws settings that point a service at the local stack instead of AWS. */
    public static Map<String, Object> awsProperties(LocalStack stack) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("tidewater.data-dir", stack.dataDirectory().toString());
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.cloud.aws.region.static", stack.region());
        properties.put("spring.cloud.aws.credentials.access-key", "local");
        properties.put("spring.cloud.aws.credentials.secret-key", "local");
        properties.put("spring.cloud.aws.sqs.endpoint", stack.sqsEndpoint());
        properties.put("spring.cloud.aws.s3.endpoint", stack.s3Endpoint());
        properties.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
        // One classpath holds every service's jars here, so the transfer manager the loader's S3A brings would be
        // configured in each context; none uses it, and its async client ignores the configured region.
        properties.put("spring.autoconfigure.exclude", TRANSFER_MANAGER_AUTO_CONFIGURATION);
        return properties;
    }

    /** Iceberg's S3FileIO and Spark's S3A both need the local endpoint, path-style access and a key. */
    public static Map<String, Object> loaderProperties(LocalStack stack) {
        Map<String, Object> properties = new LinkedHashMap<>();
        LocalCatalog.properties(stack.dataDirectory(), stack.s3Endpoint(), stack.region())
                .forEach((key, value) -> properties.put("tidewater.loader.catalog.properties." + key, value));
        // Load jobs name files in the report buckets, the ones whose objects notify the pipeline; no other is read.
        properties.put(
                "tidewater.loader.source-buckets",
                stack.properties().s3().notifications().stream()
                        .map(LocalStackProperties.Notification::bucket)
                        .distinct()
                        .collect(Collectors.joining(",")));
        String spark = "tidewater.loader.spark.config.";
        properties.put(spark + "spark.hadoop.fs.s3a.endpoint", stack.s3Endpoint());
        properties.put(spark + "spark.hadoop.fs.s3a.endpoint.region", stack.region());
        properties.put(spark + "spark.hadoop.fs.s3a.path.style.access", "true");
        properties.put(spark + "spark.hadoop.fs.s3a.connection.ssl.enabled", "false");
        properties.put(spark + "spark.hadoop.fs.s3a.access.key", "local");
        properties.put(spark + "spark.hadoop.fs.s3a.secret.key", "local");
        properties.put(
                spark + "spark.hadoop.fs.s3a.aws.credentials.provider",
                "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        return properties;
    }

    @Override
    public void close() {
        // Reverse order: stop intake before the loader it feeds, and the console last.
        for (int index = contexts.size() - 1; index >= 0; index--) {
            contexts.get(index).close();
        }
    }
}
