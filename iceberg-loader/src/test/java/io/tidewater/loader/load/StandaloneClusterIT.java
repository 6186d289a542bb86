package io.tidewater.loader.load;

import static io.tidewater.loader.load.LocalLoader.column;
import static io.tidewater.loader.load.LocalLoader.csvJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.MessageJson;
import io.tidewater.loader.config.LoaderProperties;
import io.tidewater.loader.health.SparkHealthIndicator;
import io.tidewater.loader.spark.SparkSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The loader's job code with its driver in this JVM and its executor on a real standalone cluster: a master and a
 * worker in JVMs of their own. Runs in a Failsafe execution of its own, because a JVM holds one Spark context.
 */
class StandaloneClusterIT {

    private static Path directory;
    private static StandaloneSparkCluster cluster;
    private static SparkSession spark;

    private final Set<String> taskExecutors = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startClusterAndDriver() throws IOException {
        assumeTrue(
                SparkSession.getDefaultSession().isEmpty(),
                "needs a JVM without a Spark session: Failsafe's standalone-cluster execution gives it one");
        directory = Files.createTempDirectory("tidewater-standalone-cluster");
        cluster = StandaloneSparkCluster.start(directory.resolve("cluster"));
        spark = SparkSessions.create(new LoaderProperties(
                List.of("jobs"),
                1,
                LocalLoader.sqliteCatalog(directory),
                new LoaderProperties.Spark(
                        cluster.masterUrl(),
                        Map.of(
                                "spark.driver.host", "127.0.0.1",
                                "spark.driver.bindAddress", "127.0.0.1",
                                "spark.executor.memory", "512m",
                                "spark.executor.cores", "1",
                                "spark.cores.max", "1",
                                "spark.sql.shuffle.partitions", "1",
                                "spark.executor.extraClassPath", cluster.applicationClassPath(),
                                "spark.executor.extraJavaOptions",
                                        "-Dlogback.configurationFile=" + cluster.loggingConfiguration())),
                1_000,
                Map.of(),
                LoaderProperties.Limits.DEFAULTS,
                List.of(),
                null));
        cluster.awaitWorker();
    }

    @AfterAll
    static void stopDriverAndCluster() {
        if (spark != null) {
            spark.stop();
        }
        if (cluster != null) {
            List<ProcessHandle> clusterProcesses = cluster.processes();
            cluster.close();
            assertThat(clusterProcesses).noneMatch(ProcessHandle::isAlive);
        }
    }

    @Test
    void theSparkSubmitBundleRunsALoadJobOnABareSparkAndASecondSubmissionIsANoOp() throws IOException {
        Path bundle = Path.of(System.getProperty("tidewater.test.spark-job-bundle", "missing"));
        assertThat(bundle).as("the module's package phase builds the bundle").isRegularFile();
        Path file = Files.write(
                Files.createDirectories(directory.resolve("sources")).resolve("bundle.csv"),
                List.of("id,name", "1,a", "2,b"));
        LoadJob job = csvJob(
                "cluster.bundled",
                "bundle-1",
                "addNewColumns",
                List.of(column("id", "long"), column("name", "string")),
                file);
        Path jobFile = Files.writeString(directory.resolve("bundle-job.json"), MessageJson.write(job));
        String sqliteDriver = StandaloneSparkCluster.jarOf("/org/xerial/sqlite-jdbc/");
        List<String> arguments = new ArrayList<>(List.of(
                "--deploy-mode", "client",
                "--class", LoadJobSubmission.class.getName(),
                // The catalog's JDBC driver, as a user passes theirs (and --driver-class-path, for JDBC's
                // DriverManager): no part of Tidewater's bundle.
                "--jars", sqliteDriver,
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.executor.memory=512m",
                "--conf", "spark.executor.cores=1",
                "--conf", "spark.cores.max=1",
                "--conf", "spark.sql.shuffle.partitions=1",
                "--conf", "spark.ui.enabled=false",
                "--conf",
                        "spark.executor.extraJavaOptions=-Dlogback.configurationFile=" + cluster.loggingConfiguration(),
                "--conf", "spark.sql.catalog.tidewater=org.apache.iceberg.spark.SparkCatalog"));
        LocalLoader.sqliteCatalog(directory)
                .properties()
                .forEach((key, value) ->
                        arguments.addAll(List.of("--conf", "spark.sql.catalog.tidewater." + key + "=" + value)));
        arguments.addAll(List.of(bundle.toString(), jobFile.toString(), "--catalog", "tidewater"));

        int first = cluster.submit("bundle-first", sqliteDriver, arguments);
        int second = cluster.submit("bundle-second", sqliteDriver, arguments);

        assertThat(first).as(cluster.errors("bundle-first")).isEqualTo(LoadJobSubmission.LOADED);
        LoadResult.LoadCompleted loaded =
                MessageJson.read(lastLine(cluster.output("bundle-first")), LoadResult.LoadCompleted.class);
        assertThat(loaded.rowsWritten()).isEqualTo(2);
        assertThat(second).as(cluster.errors("bundle-second")).isEqualTo(LoadJobSubmission.LOADED);
        LoadResult.LoadCompleted again =
                MessageJson.read(lastLine(cluster.output("bundle-second")), LoadResult.LoadCompleted.class);
        assertThat(again.alreadyLoaded()).isTrue();
        assertThat(again.snapshotId()).isEqualTo(loaded.snapshotId());
        spark.sql("REFRESH TABLE tidewater.cluster.bundled");
        assertThat(spark.sql("SELECT id, name FROM tidewater.cluster.bundled ORDER BY id")
                        .collectAsList())
                .extracting(Object::toString)
                .containsExactly("[1,a]", "[2,b]");
    }

    /** The job's result: the last JSON line of spark-submit's standard output, which Spark's console logging shares. */
    private static String lastLine(String output) {
        return output.lines()
                .filter(line -> line.startsWith("{"))
                .reduce((earlier, later) -> later)
                .orElseThrow(() -> new AssertionError("No result on spark-submit's output:\n" + output));
    }

    @Test
    void loadJobRunsOnTheWorkersExecutorAndASecondSubmissionIsANoOp() throws IOException {
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
                taskExecutors.add(taskEnd.taskInfo().executorId());
            }
        });
        Path file = Files.write(
                Files.createDirectories(directory.resolve("sources")).resolve("cluster.csv"),
                List.of("id,name", "1,a", "2,b", "3,c"));
        LoadJob job = csvJob(
                "cluster.objects",
                "cluster-1",
                "addNewColumns",
                List.of(column("id", "long"), column("name", "string")),
                file);

        SubmittedJob first = SubmittedJob.run(MessageJson.write(job), "-", "--catalog", "tidewater");
        SubmittedJob second = SubmittedJob.run(MessageJson.write(job), "-", "--catalog", "tidewater");

        assertThat(first.status()).as(first.err()).isEqualTo(LoadJobSubmission.LOADED);
        LoadResult.LoadCompleted loaded = first.completed();
        assertThat(loaded.rowsWritten()).isEqualTo(3);
        assertThat(second.status()).as(second.err()).isEqualTo(LoadJobSubmission.LOADED);
        LoadResult.LoadCompleted again = second.completed();
        assertThat(again.alreadyLoaded()).isTrue();
        assertThat(again.snapshotId()).isEqualTo(loaded.snapshotId());
        assertThat(spark.sql("SELECT id, name FROM tidewater.cluster.objects ORDER BY id")
                        .collectAsList())
                .extracting(Object::toString)
                .containsExactly("[1,a]", "[2,b]", "[3,c]");

        assertThat(spark.sparkContext().master()).isEqualTo(cluster.masterUrl());
        await("the tasks' end events").until(() -> !taskExecutors.isEmpty());
        assertThat(taskExecutors)
                .as("tasks ran on executors, not in the driver")
                .doesNotContain("driver");
        assertThat(Stream.of(spark.sparkContext().statusTracker().getExecutorInfos())
                        .map(SparkExecutorInfo::host))
                .as("the driver and the worker's executor")
                .hasSize(2);
        Health health = new SparkHealthIndicator(spark).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("master", cluster.masterUrl())
                .containsEntry("executors", 1);
        try (Stream<Path> executorDirectories = Files.list(cluster.workDirectory())) {
            assertThat(executorDirectories)
                    .as("the worker launched the application's executor")
                    .anyMatch(path -> path.getFileName().toString().startsWith("app-"));
        }
    }
}
