package io.tidewater.schema.load;

import static java.util.Objects.requireNonNull;

import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.ReaderOptions;
import io.tidewater.contract.SourceFile;
import io.tidewater.contract.SourceFormat;
import io.tidewater.contract.WriteMode;
import io.tidewater.schema.InvalidInputException;
import io.tidewater.schema.inference.CrawlResult;
import io.tidewater.schema.inference.CsvDialect;
import io.tidewater.schema.inference.FileFormat;
import io.tidewater.schema.types.TypeStrings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Files to load as their crawl describes them: their format, their columns in file order and, for delimited text, how
 * to read them. Every load job starts here, with {@link #toJob(String, String)}; each caller adds only what is its own
 * (run, constant columns, write mode, evolution policy, partitioning, reply queue).
 *
 * <p>A caller that knows more than one crawl (a report of many files, a manifest that types its columns) settles the
 * columns and the dialect itself and builds this record directly.
 *
 * @param files the files to read, at least one
 * @param format the format the caller declares
 * @param columns the columns in file order, typed as {@link TypeStrings} writes Iceberg types
 * @param readerOptions how to read delimited text; required for CSV, {@code null} when there is nothing to say
 */
public record CrawledFiles(
        List<SourceFile> files, SourceFormat format, List<LoadColumn> columns, ReaderOptions readerOptions) {

    public CrawledFiles {
        files = List.copyOf(requireNonNull(files, "files is null"));
        requireNonNull(format, "format is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    /**
     * What a crawl of the files found: every crawled column with its type, its nullability and its name in the file,
     * and for CSV the crawled dialect, header and null tokens (besides the empty field, which always reads as null),
     * compressed with gzip when the first file's name ends in {@code .gz}.
     *
     * @param crawl the crawl of the first file
     * @param format the format the caller declares; the crawl may have found another
     * @param files the files to read
     * @param declaredOptions reader options the caller declares, which win over the crawled dialect; {@code null} when
     *     it declares none
     * @return the files with the crawled columns and reader options
     * @throws InvalidInputException when the files are CSV without declared options and the crawl found another format,
     *     or lines before the header, which the loader's CSV reader cannot skip
     */
    public static CrawledFiles of(
            CrawlResult crawl, SourceFormat format, List<SourceFile> files, ReaderOptions declaredOptions) {
        requireNonNull(crawl, "crawl is null");
        requireNonNull(format, "format is null");
        List<LoadColumn> columns = crawl.columns().stream()
                .map(column -> new LoadColumn(
                        column.name(), column.sourceName(), TypeStrings.format(column.type()), column.nullable()))
                .toList();
        ReaderOptions options =
                format != SourceFormat.CSV || declaredOptions != null ? declaredOptions : crawledOptions(crawl, files);
        return new CrawledFiles(files, format, columns, options);
    }

    private static ReaderOptions crawledOptions(CrawlResult crawl, List<SourceFile> files) {
        CsvDialect dialect = crawl.csvDialect()
                .orElseThrow(() -> new InvalidInputException(
                        "Cannot read %s as CSV: the crawl found %s".formatted(crawl.source(), crawl.format())));
        if (dialect.preambleLines() > 0) {
            throw new InvalidInputException(("Cannot read %s as CSV: it starts with %d lines before the header,"
                            + " which the loader's CSV reader cannot skip; load a copy without them")
                    .formatted(crawl.source(), dialect.preambleLines()));
        }
        char quote = dialect.quote() == null ? '\0' : dialect.quote();
        char escape = dialect.escape() == null ? quote : dialect.escape();
        boolean gzip =
                !files.isEmpty() && files.get(0).uri().toLowerCase(Locale.ROOT).endsWith(".gz");
        return new ReaderOptions(
                dialect.delimiter(), quote, escape, crawl.header(), crawl.nullTokens(), gzip ? "gzip" : "none");
    }

    /**
     * These files with some columns typed by the caller.
     *
     * @param types Iceberg types as {@link TypeStrings} writes them, by column name or by the column's name in the file
     * @return the files with those columns retyped; the other columns keep their types
     * @throws InvalidInputException naming the column when a type does not parse
     */
    public CrawledFiles withColumnTypes(Map<String, String> types) {
        requireNonNull(types, "types is null");
        List<LoadColumn> typed = columns.stream()
                .map(column -> {
                    String type = types.getOrDefault(column.name(), types.get(column.sourceName()));
                    if (type == null) {
                        return column;
                    }
                    try {
                        TypeStrings.parse(type);
                    } catch (InvalidInputException e) {
                        throw new InvalidInputException(
                                "Cannot load column %s as '%s': %s".formatted(column.name(), type, e.getMessage()), e);
                    }
                    return new LoadColumn(
                            column.name(), column.sourceName(), type, column.nullable(), column.transform());
                })
                .toList();
        return new CrawledFiles(files, format, typed, readerOptions);
    }

    /**
     * A load job for these files, to be completed by the caller: a fresh job id, the table, the idempotency key, the
     * files, their format, reader options and columns, and {@link WriteMode.Append}, which the caller may replace.
     *
     * @param table the target table, {@code namespace.name}
     * @param idempotencyKey the same for every load of the same data
     * @return a builder that still needs the run id, the evolution policy and the reply queue
     */
    public LoadJob.Builder toJob(String table, String idempotencyKey) {
        return LoadJob.builder()
                .jobId(UUID.randomUUID().toString())
                .idempotencyKey(idempotencyKey)
                .table(table)
                .files(files)
                .format(format)
                .readerOptions(readerOptions)
                .columns(columns)
                .writeMode(new WriteMode.Append());
    }

    /**
     * The format to tell the crawler for files a caller declares in {@code format}.
     *
     * @param format the declared format
     * @return the crawler's name for it
     */
    public static FileFormat crawlFormat(SourceFormat format) {
        return switch (format) {
            case CSV -> FileFormat.CSV;
            case JSON -> FileFormat.JSON_LINES;
            case PARQUET -> FileFormat.PARQUET;
            case ORC -> FileFormat.ORC;
        };
    }
}
