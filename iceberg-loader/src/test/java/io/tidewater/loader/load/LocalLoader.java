package io.tidewater.loader.load;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.ReaderOptions;
import io.tidewater.contract.SourceFile;
import io.tidewater.contract.SourceFormat;
import io.tidewater.contract.WriteMode;
import io.tidewater.loader.config.LoaderProperties;
import io.tidewater.loader.spark.SparkSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.SparkSession;

/**
 * The loader's job runner on one Spark session per test JVM, with a JDBC catalog on SQLite and a warehouse on the
 * local filesystem: the loader's logic without any server.
 */
final class LocalLoader {

    private static LocalLoader instance;

    final Path directory;
    final SparkSession spark;
    final Catalog catalog;
    final LoadJobRunner runner;

    private LocalLoader(Path directory) {
        this.directory = directory;
        LoaderProperties properties = new LoaderProperties(
                "jobs",
                sqliteCatalog(directory),
                new LoaderProperties.Spark(
                        "local[2]",
                        Map.of(
                                "spark.driver.host", "127.0.0.1",
                                "spark.driver.bindAddress", "127.0.0.1",
                                "spark.sql.shuffle.partitions", "2")),
                1_000);
        this.spark = SparkSessions.create(properties);
        this.catalog = ((SparkCatalog) spark.sessionState().catalogManager().catalog("tidewater")).icebergCatalog();
        IcebergTables tables = new IcebergTables(catalog);
        this.runner =
                new LoadJobRunner(spark, tables, new QuarantineTables(tables), new SimpleMeterRegistry(), properties);
    }

    /** The catalog {@code tidewater}: JDBC on a SQLite file, the warehouse on the local filesystem, both in the directory. */
    static LoaderProperties.Catalog sqliteCatalog(Path directory) {
        return new LoaderProperties.Catalog(
                "tidewater",
                Map.of(
                        "type", "jdbc",
                        "uri", "jdbc:sqlite:" + directory.resolve("catalog.db"),
                        "jdbc.schema-version", "V1",
                        "warehouse", directory.resolve("warehouse").toUri().toString(),
                        "cache-enabled", "false"));
    }

    static synchronized LocalLoader get() {
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
    Path csv(String name, String... lines) {
        try {
            Path file = directory.resolve("sources").resolve(name);
            Files.createDirectories(file.getParent());
            return Files.write(file, List.of(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoadJob csvJob(String table, String idempotencyKey, String policy, List<LoadColumn> columns, Path... files) {
        return new LoadJob(
                UUID.randomUUID().toString(),
                idempotencyKey,
                "run-" + idempotencyKey,
                table,
                java.util.Arrays.stream(files)
                        .map(file -> new SourceFile(file.toUri().toString(), fileSize(file), null))
                        .toList(),
                SourceFormat.CSV,
                new ReaderOptions(',', '"', '"', true, List.of(""), "none"),
                columns,
                List.of(),
                new WriteMode.Append(),
                policy,
                List.of(),
                "replies");
    }

    static LoadColumn column(String name, String type) {
        return new LoadColumn(name, name, type, true);
    }

    Table table(String name) {
        return catalog.loadTable(TableIdentifier.parse(name));
    }

    long count(String query) {
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
