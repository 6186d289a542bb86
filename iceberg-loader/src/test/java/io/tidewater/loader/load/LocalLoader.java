package io.tidewater.loader.load;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.contract.EvolutionPolicy;
import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.ReaderOptions;
import io.tidewater.contract.SourceFile;
import io.tidewater.contract.SourceFormat;
import io.tidewater.contract.WriteMode;
import io.tidewater.loader.config.LoaderProperties;
import io.tidewater.loader.maintenance.TableLocks;
import io.tidewater.loader.spark.SparkSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.SparkSession;

/**
 * The loader's job runner on one Spark session per test JVM, with two JDBC catalogs on SQLite and warehouses on the
 * local filesystem: the loader's logic without any server.
 */
public final class LocalLoader {

    public static final String PRIMARY = "tidewater";
    public static final String SECOND = "archive";
    /** The source bucket the loader is configured with; no test stores objects in it. */
    public static final String SOURCE_BUCKET = "tidewater-test-sources";

    private static LocalLoader instance;

    public final LoaderProperties properties;
    public final Path directory;
    public final SparkSession spark;
    final Catalog catalog;
    public final LoadJobRunner runner;

    private LocalLoader(Path directory) {
        this.directory = directory;
        this.properties = properties(directory);
        this.spark = SparkSessions.create(properties);
        this.catalog = ((SparkCatalog) spark.sessionState().catalogManager().catalog(PRIMARY)).icebergCatalog();
        IcebergTables tables = new IcebergTables(catalog);
        this.runner = new LoadJobRunner(
                spark,
                tables,
                new QuarantineTables(tables),
                new SimpleMeterRegistry(),
                properties,
                List.of(),
                new TableLocks());
    }

    /** A primary catalog and a second one, each a JDBC catalog on a SQLite file of its own. */
    private static LoaderProperties properties(Path directory) {
        return new LoaderProperties(
                List.of("jobs"),
                1,
                sqliteCatalog(directory),
                new LoaderProperties.Spark(
                        "local[2]",
                        Map.of(
                                "spark.driver.host", "127.0.0.1",
                                "spark.driver.bindAddress", "127.0.0.1",
                                "spark.sql.shuffle.partitions", "2")),
                1_000,
                Map.of(SECOND, catalogProperties(directory, SECOND)),
                LoaderProperties.Limits.DEFAULTS,
                List.of(SOURCE_BUCKET),
                sources(directory).toString());
    }

    /** Where {@link #csv} writes: the only local directory the loader may read source files from. */
    private static Path sources(Path directory) {
        return directory.resolve("sources");
    }

    private static Map<String, String> catalogProperties(Path directory, String name) {
        return Map.of(
                "type", "jdbc",
                "uri", "jdbc:sqlite:" + directory.resolve(name + "-catalog.db"),
                "jdbc.schema-version", "V1",
                "warehouse", directory.resolve(name + "-warehouse").toUri().toString(),
                "io-impl", "org.apache.iceberg.hadoop.HadoopFileIO",
                "cache-enabled", "false");
    }

    /**
     * The same loader configuration as Spring properties, so that a Spring context in this JVM gets this very Spark
     * session and catalogs (Spark allows one context per JVM).
     */
    public Map<String, String> springProperties() {
        Map<String, String> spring = new LinkedHashMap<>();
        spring.put("tidewater.loader.jobs-queues", String.join(",", properties.jobsQueues()));
        spring.put("tidewater.loader.catalog.name", PRIMARY);
        properties
                .catalog()
                .properties()
                .forEach((key, value) -> spring.put("tidewater.loader.catalog.properties." + key, value));
        properties
                .catalogs()
                .forEach((name, catalogProperties) -> catalogProperties.forEach(
                        (key, value) -> spring.put("tidewater.loader.catalogs." + name + "." + key, value)));
        for (int index = 0; index < properties.sourceBuckets().size(); index++) {
            spring.put(
                    "tidewater.loader.source-buckets[" + index + "]",
                    properties.sourceBuckets().get(index));
        }
        spring.put("tidewater.loader.local-source-directory", properties.localSourceDirectory());
        spring.put("tidewater.loader.spark.master", properties.spark().master());
        properties.spark().config().forEach((key, value) -> spring.put("tidewater.loader.spark.config." + key, value));
        return spring;
    }

    /** The primary catalog: JDBC on a SQLite file, the warehouse on the local filesystem, both in the directory. */
    static LoaderProperties.Catalog sqliteCatalog(Path directory) {
        return new LoaderProperties.Catalog(PRIMARY, catalogProperties(directory, PRIMARY));
    }

    public static synchronized LocalLoader get() {
        if (instance == null) {
            try {
                instance = new LocalLoader(Files.createTempDirectory("tidewater-loader-test"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** A CSV file with a header line, written under the test directory. */
    public Path csv(String name, String... lines) {
        try {
            Path file = sources(directory).resolve(name);
            Files.createDirectories(file.getParent());
            return Files.write(file, List.of(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LoadJob csvJob(
            String table, String idempotencyKey, String policy, List<LoadColumn> columns, Path... files) {
        return LoadJob.builder()
                .jobId(UUID.randomUUID().toString())
                .idempotencyKey(idempotencyKey)
                .runId("run-" + idempotencyKey)
                .table(table)
                .files(java.util.Arrays.stream(files)
                        .map(file -> new SourceFile(file.toUri().toString(), fileSize(file), null))
                        .toList())
                .format(SourceFormat.CSV)
                .readerOptions(new ReaderOptions(',', '"', '"', true, List.of(""), "none"))
                .columns(columns)
                .writeMode(new WriteMode.Append())
                .evolutionPolicy(EvolutionPolicy.named(policy))
                .replyTo("replies")
                .build();
    }

    public static LoadColumn column(String name, String type) {
        return new LoadColumn(name, name, type, true);
    }

    public Table table(String name) {
        return catalog.loadTable(TableIdentifier.parse(name));
    }

    public long count(String query) {
        return ((Number) spark.sql(query).first().get(0)).longValue();
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
