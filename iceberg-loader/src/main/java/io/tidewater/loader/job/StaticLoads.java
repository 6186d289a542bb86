package io.tidewater.loader.job;

import io.tidewater.contract.EvolutionPolicy;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.ReaderOptions;
import io.tidewater.contract.SourceFile;
import io.tidewater.contract.SourceFormat;
import io.tidewater.loader.catalog.Catalogs;
import io.tidewater.loader.config.LoaderProperties;
import io.tidewater.loader.load.SourceLocations;
import io.tidewater.schema.InvalidInputException;
import io.tidewater.schema.inference.CrawlOptions;
import io.tidewater.schema.inference.CrawlResult;
import io.tidewater.schema.inference.SchemaCrawler;
import io.tidewater.schema.load.CrawledFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.spark.sql.SparkSession;
import org.springframework.stereotype.Component;

/**
 * Turns one file into a load job the way the domain services do: the file's schema is crawled (a bounded head sample
 * of text, the footer of Parquet and ORC), typed against the table's schema when the table exists, and the caller may
 * set the type of any column.
 */
@Component
class StaticLoads {

    private final SparkSession spark;
    private final Catalogs catalogs;
    private final SourceLocations sources;

    StaticLoads(SparkSession spark, Catalogs catalogs, LoaderProperties properties) {
        this.spark = spark;
        this.catalogs = catalogs;
        this.sources = SourceLocations.of(properties);
    }

    /**
     * A file to load.
     *
     * @param uri the file, {@code s3://bucket/key} in one of the source buckets
     * @param format the file's format
     * @param readerOptions the CSV dialect; crawled from the file when absent
     * @param columnTypes Iceberg types by column name (or the file's own name for it), over the crawled ones
     * @param evolutionPolicy {@code addNewColumns} when absent
     * @param partitionFields the partition spec, should the load create the table
     * @param idempotencyKey the same for every load of the same data; by default the table, the file, its size and
     *     its modification time, so that loading the same file again changes nothing
     */
    record StaticLoadRequest(
            String uri,
            SourceFormat format,
            ReaderOptions readerOptions,
            Map<String, String> columnTypes,
            String evolutionPolicy,
            List<String> partitionFields,
            String idempotencyKey) {

        StaticLoadRequest {
            columnTypes = columnTypes == null ? Map.of() : Map.copyOf(columnTypes);
            partitionFields = partitionFields == null ? List.of() : List.copyOf(partitionFields);
        }
    }

    /**
     * @throws IllegalArgumentException naming the file when it is outside the source locations, missing, unreadable or
     *     of another format
     */
    LoadJob job(String table, StaticLoadRequest request) {
        if (request.uri() == null || request.uri().isBlank() || request.format() == null) {
            throw new IllegalArgumentException(
                    "Cannot load into %s: the request needs the file's uri and format".formatted(table));
        }
        if (!table.contains(".")) {
            throw new IllegalArgumentException(
                    "Cannot load into '%s': expected a table name namespace.name".formatted(table));
        }
        // Before the table is looked up or the file opened: a refused location is never touched.
        sources.requireAllowed(table, List.of(request.uri()));
        TableIdentifier identifier = TableIdentifier.parse(table);
        CrawlOptions options = CrawlOptions.defaults().withFormatHint(CrawledFiles.crawlFormat(request.format()));
        try {
            options = options.withTableSchema(
                    catalogs.catalog(catalogs.primary()).loadTable(identifier).schema());
        } catch (NoSuchTableException missing) {
            // The load creates the table from the crawled schema.
        }
        CrawlResult crawl;
        long size;
        long modified;
        try (HadoopFileSource source =
                HadoopFileSource.open(request.uri(), spark.sparkContext().hadoopConfiguration())) {
            crawl = SchemaCrawler.crawl(source, options);
            size = source.length();
            modified = source.status().getModificationTime();
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException(
                    "Cannot load %s into %s: there is no such file".formatted(request.uri(), table), e);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(
                    "Cannot load %s into %s: %s".formatted(request.uri(), table, e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read %s for a load into %s: %s".formatted(request.uri(), table, e.getMessage()), e);
        }
        String jobId = UUID.randomUUID().toString();
        String key =
                request.idempotencyKey() != null && !request.idempotencyKey().isBlank()
                        ? request.idempotencyKey()
                        : "admin-load:%s:%s:%d:%d".formatted(identifier, request.uri(), size, modified);
        CrawledFiles files;
        try {
            files = CrawledFiles.of(
                    crawl,
                    request.format(),
                    List.of(new SourceFile(request.uri(), size, null)),
                    request.readerOptions());
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(
                    "Cannot load %s into %s: %s".formatted(request.uri(), table, e.getMessage()), e);
        }
        try {
            files = files.withColumnTypes(request.columnTypes());
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return files.toJob(identifier.toString(), key)
                .jobId(jobId)
                .runId("admin-" + jobId)
                .evolutionPolicy(
                        request.evolutionPolicy() == null
                                        || request.evolutionPolicy().isBlank()
                                ? EvolutionPolicy.ADD_NEW_COLUMNS
                                : EvolutionPolicy.named(request.evolutionPolicy()))
                .partitionFields(request.partitionFields())
                // Nobody waits on a queue for a load started by hand: its result is its status.
                .replyTo("none")
                .build();
    }
}
