package io.tidewater.local.launcher;

import io.tidewater.local.services.LocalServices;
import io.tidewater.local.stack.LocalStack;
import io.tidewater.local.stack.LocalStackProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./tidewater up}: the local stack, the operator console and all services until Ctrl-C. */
@Command(name = "up", description = "Run the local stack, the operator console and all four services until Ctrl-C.")
final class UpCommand implements Callable<Integer> {

    @Mixin
    DataDirectory dataDirectory;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The local stack's configuration: ports, buckets, queues (default: the bundled"
                    + " tidewater-local.yml).")
    Path config;

    @Override
    public Integer call() throws Exception {
        LocalStackProperties properties =
                config == null ? LocalStackProperties.defaults() : LocalStackProperties.read(config);
        RunningStack running = RunningStack.start(properties, dataDirectory.path, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("Cannot stop the local stack cleanly: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }));
        printEndpoints(running.stack());
        stopped.await();
        return 0;
    }

    private static void printEndpoints(LocalStack stack) {
        LocalServices.Endpoint console = LocalServices.endpoints().get(0);
        System.out.println();
        System.out.println("Operator console: " + console.url()
                + "   (health, metrics, log file and the pipeline views of every service; no login, it listens on"
                + " 127.0.0.1 only)");
        System.out.println();
        System.out.println("Tidewater is up. Data directory: " + stack.dataDirectory());
        System.out.println("  S3   " + stack.s3Endpoint() + "   buckets: "
                + String.join(", ", stack.properties().s3().buckets()));
        System.out.println("  SQS  " + stack.sqsEndpoint());
        for (LocalServices.Endpoint endpoint : services()) {
            String url = endpoint.url();
            System.out.printf("  %-18s %s%n", endpoint.name(), url);
            System.out.printf("  %-18s   admin API  %s/admin/...   (Swagger UI: %s/swagger-ui.html)%n", "", url, url);
            System.out.printf("  %-18s   OpenAPI    %s/v3/api-docs%n", "", url);
            System.out.printf("  %-18s   health     %s/actuator/health  (liveness, readiness below it)%n", "", url);
            System.out.printf("  %-18s   info       %s/actuator/info%n", "", url);
            System.out.printf("  %-18s   metrics    %s/actuator/prometheus%n", "", url);
        }
        System.out.println();
        System.out.println(
                "Admin token (send as \"Authorization: Bearer <token>\" to /admin/...; set TIDEWATER_ADMIN_TOKEN to"
                        + " choose it, else it is kept in "
                        + stack.dataDirectory().resolve("admin-token") + "):");
        String token = LocalServices.adminToken(stack.dataDirectory());
        System.out.println("  " + token);
        System.out.println("  curl -H \"Authorization: Bearer " + token + "\" "
                + services().get(0).url() + "/admin/runs");
        System.out.println();
        System.out.println("AWS CLI settings:");
        System.out.println(
                "  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=" + stack.region());
        System.out.println("  aws --endpoint-url " + stack.s3Endpoint() + " s3 ls");
        System.out.println("  aws --endpoint-url " + stack.sqsEndpoint() + " sqs list-queues");
        System.out.println();
        System.out.println("Query the tables: ./tidewater sql \"SELECT count(*) FROM inventory.objects\"");
        System.out.println("Press Ctrl-C to stop.");
    }

    /** The four services, without the console printed above them. */
    private static List<LocalServices.Endpoint> services() {
        return LocalServices.endpoints().subList(1, LocalServices.endpoints().size());
    }
}
