package io.tidewater.loader.load;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.loader.spark.HeadlessMetricsServlet;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone master and one worker, each its own JVM on 127.0.0.1, started from the test's class path. The
 * worker launches executors from a Spark home of its own: {@code jars/} links to the class path's jars, which is all
 * Spark's launcher needs of an installation; class directories (the loader's own classes) go to executors as
 * {@code spark.executor.extraClassPath}.
 */
final class StandaloneSparkCluster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final int masterPort;
    private final int masterWebUiPort;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private StandaloneSparkCluster(Path directory) {
        this.directory = directory;
        this.masterPort = freePort();
        this.masterWebUiPort = freePort();
    }

    /**
     * Starts the master and the worker and returns once the master answers, so that a driver can start while the
     * worker is still starting: see {@link #awaitWorker()}.
     */
    static StandaloneSparkCluster start(Path directory) {
        StandaloneSparkCluster cluster = new StandaloneSparkCluster(directory);
        try {
            cluster.launch();
            await("the master to start")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> cluster.masterState().path("status").asText().equals("ALIVE"));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    void awaitWorker() {
        await("the worker to register with the master")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> aliveWorkers() == 1);
    }

    private void launch() {
        try {
            Path sparkHome = Files.createDirectories(directory.resolve("spark-home"));
            Path jars = Files.createDirectories(sparkHome.resolve("jars"));
            for (String entry : classPath()) {
                Path path = Path.of(entry);
                Path link = jars.resolve(path.getFileName());
                if (entry.endsWith(".jar") && Files.isRegularFile(path) && !Files.exists(link)) {
                    Files.createSymbolicLink(link, path.toAbsolutePath());
                }
            }
            Path workDirectory = Files.createDirectories(directory.resolve("work"));
            // Without a configuration Logback logs everything at DEBUG: the cluster's own logs at INFO are plenty.
            Files.writeString(
                    loggingConfiguration(),
                    """
                    <configuration>
                      <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="INFO"><appender-ref ref="out"/></root>
                    </configuration>
                    """);
            processes.add(spawn(
                    "master",
                    sparkHome,
                    "org.apache.spark.deploy.master.Master",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    String.valueOf(masterPort),
                    "--webui-port",
                    String.valueOf(masterWebUiPort)));
            processes.add(spawn(
                    "worker",
                    sparkHome,
                    "org.apache.spark.deploy.worker.Worker",
                    masterUrl(),
                    "--host",
                    "127.0.0.1",
                    "--cores",
                    "1",
                    "--memory",
                    "1g",
                    "--webui-port",
                    String.valueOf(freePort()),
                    "--work-dir",
                    workDirectory.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the standalone Spark cluster under " + directory, e);
        }
    }

    private Process spawn(String name, Path sparkHome, String mainClass, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split("\\s+")));
        command.add("-Xmx512m");
        command.add("-Dlogback.configurationFile=" + loggingConfiguration());
        // The stock metrics servlet needs Servlet 5 classes the loader's class path (Tomcat 11) lacks.
        command.add("-Dspark.metrics.conf.*.sink.servlet.class=" + HeadlessMetricsServlet.class.getName());
        command.add("-cp");
        command.add(daemonClassPath());
        command.add(mainClass);
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The class directories of the class path: what executors need besides the Spark home's jars. */
    String classDirectories() {
        return classPath().stream()
                .filter(entry -> Files.isDirectory(Path.of(entry)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** A Logback configuration at INFO, for executors too ({@code spark.executor.extraJavaOptions}). */
    Path loggingConfiguration() {
        return directory.resolve("logback.xml");
    }

    Path workDirectory() {
        return directory.resolve("work");
    }

    int aliveWorkers() throws IOException, InterruptedException {
        return masterState().path("aliveworkers").asInt();
    }

    JsonNode masterState() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterWebUiPort + "/json/"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** Every process of the cluster: the master, the worker and the executors the worker launched. */
    List<ProcessHandle> processes() {
        return processes.stream()
                .flatMap(process -> Stream.concat(Stream.of(process.toHandle()), process.descendants()))
                .toList();
    }

    /** Kills the master, the worker and their executors, and waits until none is left. */
    @Override
    public void close() {
        List<ProcessHandle> all = processes();
        all.forEach(ProcessHandle::destroyForcibly);
        await("the cluster's processes to exit").atMost(Duration.ofSeconds(30)).until(() -> all.stream()
                .noneMatch(ProcessHandle::isAlive));
    }

    /**
     * The test's class path with Servlet 5 first: the master's and worker's web UIs (Jetty 11) need it, and the loader's
     * class path has Servlet 6 (Spring Boot's Tomcat 11). Failsafe copies the jar (see the module's POM).
     */
    private static String daemonClassPath() {
        String servlet5 = System.getProperty("tidewater.test.servlet-5-jar");
        if (servlet5 == null || !Files.isRegularFile(Path.of(servlet5))) {
            throw new IllegalStateException("Cannot start the standalone Spark cluster: no Servlet 5 jar at " + servlet5
                    + " (system property tidewater.test.servlet-5-jar, set by the module's Failsafe)");
        }
        return Stream.concat(Stream.of(servlet5), classPath().stream().filter(entry -> !Path.of(entry)
                        .getFileName()
                        .toString()
                        .startsWith("jakarta.servlet-api-")))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static List<String> classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port", e);
        }
    }
}
