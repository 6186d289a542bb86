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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Runs one small load job through the same code path as every other before the loader takes work, so that the first
 * real report does not pay for the JIT, Spark's code generation and the Parquet and Iceberg writers' first use. It runs
 * after every bean exists and before the jobs listeners start and the service reports ready, into a Hadoop catalog in a
 * temporary directory of its own: the configured catalogs see nothing of it.
 */
@Component
@ConditionalOnProperty(name = "tidewater.loader.warm-up", havingValue = "true", matchIfMissing = true)
class DriverWarmUp implements SmartInitializingSingleton {

    static final String CATALOG = "tidewater_warm_up";
    private static final int ROWS = 20_000;

    private static final Logger log = LoggerFactory.getLogger(DriverWarmUp.class);

    private final SparkSession spark;
    private final LoaderProperties properties;

    DriverWarmUp(SparkSession spark, LoaderProperties properties) {
        this.spark = spark;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long started = System.nanoTime();
        Path directory = null;
        try {
            directory = Files.createTempDirectory("tidewater-warm-up");
            spark.conf().set("spark.sql.catalog." + CATALOG, SparkCatalog.class.getName());
            spark.conf().set("spark.sql.catalog." + CATALOG + ".type", "hadoop");
            spark.conf()
                    .set(
                            "spark.sql.catalog." + CATALOG + ".warehouse",
                            directory.resolve("warehouse").toUri().toString());
            SparkCatalog catalog =
                    (SparkCatalog) spark.sessionState().catalogManager().catalog(CATALOG);
            IcebergTables tables = new IcebergTables(catalog.icebergCatalog());
            LoadJobRunner runner = new LoadJobRunner(
                    spark,
                    tables,
                    new QuarantineTables(tables),
                    new SimpleMeterRegistry(),
                    CATALOG,
                    properties.maxMalformedRowsPerJob(),
                    properties.limits(),
                    List.of(),
                    SourceLocations.unconfined(),
                    new TableLocks());
            runner.run(job(directory));
            log.info(
                    "Warmed the Spark driver with a load of {} rows in {} ms",
                    ROWS,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // A warm-up that fails leaves the first real job to warm up: nothing is lost but time.
            log.warn("Cannot warm the Spark driver: {}", e.getMessage(), e);
        } finally {
            delete(directory);
        }
    }

    /** A CSV the shape of an S3 Inventory report's, appended into a fresh table. */
    private static LoadJob job(Path directory) throws IOException {
        List<String> lines = new ArrayList<>(ROWS + 1);
        lines.add("bucket,key,size,last_modified_date,e_tag,storage_class,is_latest");
        for (int row = 0; row < ROWS; row++) {
            lines.add("warm-up,objects/%08d.bin,%d,2026-01-01T00:00:00.000Z,%032x,STANDARD,true"
                    .formatted(row, row * 31L, row));
        }
        Path file = Files.write(directory.resolve("warm-up.csv"), lines);
        return LoadJob.builder()
                .jobId(UUID.randomUUID().toString())
                .idempotencyKey("warm-up/" + UUID.randomUUID())
                .runId("warm-up")
                .table("warm_up.objects")
                .files(List.of(new SourceFile(file.toUri().toString(), Files.size(file), null)))
                .format(SourceFormat.CSV)
                .readerOptions(new ReaderOptions(',', '"', '"', true, List.of(""), "none"))
                .columns(List.of(
                        new LoadColumn("bucket", "bucket", "string", true),
                        new LoadColumn("key", "key", "string", true),
                        new LoadColumn("size", "size", "long", true),
                        new LoadColumn("last_modified_date", "last_modified_date", "timestamptz", true),
                        new LoadColumn("e_tag", "e_tag", "string", true),
                        new LoadColumn("storage_class", "storage_class", "string", true),
                        new LoadColumn("is_latest", "is_latest", "boolean", true)))
                .writeMode(new WriteMode.Append())
                .evolutionPolicy(EvolutionPolicy.ADD_NEW_COLUMNS)
                .partitionFields(List.of("bucket"))
                .replyTo("none")
                .build();
    }

    private static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            FileSystemUtils.deleteRecursively(directory);
        } catch (IOException e) {
            log.warn("Cannot delete the warm-up's directory {}: {}", directory, e.getMessage());
        }
    }
}
