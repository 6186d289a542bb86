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
                if (isSparkDistribution(entry) && !Files.exists(link)) {
                    Files.createSymbolicLink(link, path.toAbsolutePath());
                }
            }
            // Spark's web UIs and metrics servlet are built on Servlet 5, which a distribution ships.
            Path servlet5 = Path.of(servlet5());
            Files.createSymbolicLink(jars.resolve(servlet5.getFileName()), servlet5.toAbsolutePath());
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
                    // One core and 512 MB for each of two applications at once: the test's driver and a spark-submit.
                    "--cores",
                    "2",
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

    /**
     * What executors of the test's own driver need besides the Spark home's jars: the class directories and the jars a
     * Spark distribution does not have (Tidewater's modules, Spring, Micrometer, ...).
     */
    String applicationClassPath() {
        return classPath().stream()
                .filter(entry -> !isSparkDistribution(entry))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("jakarta.servlet-api-"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Runs {@code spark-submit} in client mode against the cluster in a JVM of its own whose class path is the Spark
     * home's alone, as on a bare Spark installation: the application jar and {@code jars} bring everything else.
     *
     * @param driverClassPath what {@code spark-submit --driver-class-path} adds to the driver JVM's class path (which the
     *     {@code spark-submit} script sets up before the JVM starts, so here it is given apart)
     * @return the exit status; standard output and error are in {@code <directory>/<name>.out} and {@code .err}
     */
    int submit(String name, String driverClassPath, List<String> sparkSubmitArguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split("\\s+")));
        command.add("-Xmx768m");
        command.add("-Dlogback.configurationFile=" + loggingConfiguration());
        command.add("-cp");
        command.add(driverClassPath + File.pathSeparator + sparkDistributionClassPath());
        command.add("org.apache.spark.deploy.SparkSubmit");
        command.add("--master");
        command.add(masterUrl());
        command.addAll(sparkSubmitArguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(directory.resolve(name + ".out").toFile())
                .redirectError(directory.resolve(name + ".err").toFile());
        builder.environment().put("SPARK_HOME", directory.resolve("spark-home").toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        try {
            Process process = builder.start();
            processes.add(process);
            if (!process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("Cannot finish spark-submit " + name + " within 3 minutes: see "
                        + directory.resolve(name + ".err"));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run spark-submit " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while spark-submit " + name + " ran", e);
        }
    }

    String output(String name) throws IOException {
        return Files.readString(directory.resolve(name + ".out"));
    }

    String errors(String name) throws IOException {
        return Files.readString(directory.resolve(name + ".err"));
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
        return Stream.concat(Stream.of(servlet5()), classPath().stream().filter(entry -> !Path.of(entry)
                        .getFileName()
                        .toString()
                        .startsWith("jakarta.servlet-api-")))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String servlet5() {
        String servlet5 = System.getProperty("tidewater.test.servlet-5-jar");
        if (servlet5 == null || !Files.isRegularFile(Path.of(servlet5))) {
            throw new IllegalStateException("Cannot start the standalone Spark cluster: no Servlet 5 jar at " + servlet5
                    + " (system property tidewater.test.servlet-5-jar, set by the module's Failsafe)");
        }
        return servlet5;
    }

    /** The class path of a bare Spark installation with the Iceberg runtime: Servlet 5 and the distribution's jars. */
    private static String sparkDistributionClassPath() {
        return Stream.concat(
                        Stream.of(servlet5()), classPath().stream().filter(StandaloneSparkCluster::isSparkDistribution))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Whether a class path entry is one a Spark distribution (with the Iceberg runtime) has, or could have: every jar
     * but Tidewater's own modules and what they bring that Spark does not. A jar left in here that the bundle needs
     * would hide a missing one, so the list names every library the bundle carries.
     */
    static boolean isSparkDistribution(String entry) {
        Path path = Path.of(entry);
        String location = path.toAbsolutePath().toString().replace(File.separatorChar, '/');
        return entry.endsWith(".jar")
                && Files.isRegularFile(path)
                && NOT_IN_SPARK.stream().noneMatch(location::contains)
                && !location.contains("/target/")
                && !path.getFileName().toString().startsWith("jakarta.servlet-api-");
    }

    /** Repository paths of what Tidewater brings beyond Spark, its dependencies and the Iceberg runtime. */
    private static final List<String> NOT_IN_SPARK = List.of(
            "/io/tidewater/",
            "/org/springframework/",
            "/io/awspring/",
            "/io/micrometer/",
            "/org/hdrhistogram/",
            "/org/apache/commons/commons-csv/",
            "/org/xerial/sqlite-jdbc/",
            "/org/flywaydb/");

    /** A jar of the test's class path by its repository path, such as {@code /org/xerial/sqlite-jdbc/}. */
    static String jarOf(String repositoryPath) {
        return classPath().stream()
                .filter(entry -> entry.replace(File.separatorChar, '/').contains(repositoryPath))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Cannot find " + repositoryPath + " on the class path"));
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
