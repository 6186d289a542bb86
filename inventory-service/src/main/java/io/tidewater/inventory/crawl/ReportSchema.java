package io.tidewater.inventory.crawl;

import io.tidewater.contract.LoadColumn;
import io.tidewater.inventory.config.InventoryProperties;
import io.tidewater.inventory.manifest.InvalidReportException;
import io.tidewater.inventory.manifest.ManifestReader.ResolvedFile;
import io.tidewater.inventory.manifest.ManifestReader.VerifiedManifest;
import io.tidewater.schema.InvalidInputException;
import io.tidewater.schema.inference.CrawlOptions;
import io.tidewater.schema.inference.CrawlResult;
import io.tidewater.schema.inference.FileFormat;
import io.tidewater.schema.inference.InferredColumn;
import io.tidewater.schema.inference.SchemaCrawler;
import io.tidewater.service.s3.S3RangeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The typed schema of one report, from crawling every data file: a bounded head sample of each CSV file, the footer of
 * each ORC or Parquet file. Compatible file schemas are combined by name; documented fields keep their types.
 *
 * @param columns the load job's columns, in file order for CSV
 * @param header whether the CSV files start with a header row
 * @param millis how long the crawl took
 */
public record ReportSchema(List<LoadColumn> columns, boolean header, long millis) {

    public ReportSchema {
        columns = List.copyOf(columns);
    }

    public List<String> names() {
        return columns.stream().map(LoadColumn::name).toList();
    }

    /** @throws InvalidReportException naming every file whose columns do not fit the report */
    public static ReportSchema crawl(
            VerifiedManifest verified,
            S3Client s3,
            InventoryProperties.Crawl settings,
            InventoryProperties.Limits limits) {
        long started = System.nanoTime();
        String format = verified.manifest().fileFormat().toUpperCase(Locale.ROOT);
        List<CrawlResult> crawls = new ArrayList<>();
        String fileSchema = verified.manifest().fileSchema();
        boolean csv = "CSV".equals(format);
        List<String> known = csv && fileSchema != null && !fileSchema.isBlank()
                ? Arrays.stream(fileSchema.split(",")).map(String::trim).toList()
                : List.of();
        if (known.size() > limits.maxColumns()) {
            throw new InvalidReportException(
                    "Cannot accept report s3://%s/%s: fileSchema names %d columns, more than %d (tidewater.inventory.limits.max-columns)"
                            .formatted(
                                    verified.location().bucket(),
                                    verified.location().manifestKey(),
                                    known.size(),
                                    limits.maxColumns()));
        }
        CrawlOptions options = CrawlOptions.defaults()
                .withSampleBytes(settings.sampleBytes())
                .withKnownColumns(known)
                .withFormatHint(
                        switch (format) {
                            case "CSV" -> FileFormat.CSV;
                            case "ORC" -> FileFormat.ORC;
                            case "PARQUET" -> FileFormat.PARQUET;
                            default ->
                                throw new InvalidReportException(
                                        "Cannot read report s3://%s/%s: unknown fileFormat '%s' (expected CSV, ORC or Parquet)"
                                                .formatted(
                                                        verified.location().bucket(),
                                                        verified.location().manifestKey(),
                                                        verified.manifest().fileFormat()));
                        });
        List<String> problems = new ArrayList<>();
        for (ResolvedFile file : verified.files()) {
            try (S3RangeSource source = S3RangeSource.buffered(
                    s3,
                    verified.location().bucket(),
                    file.key(),
                    file.declared().size(),
                    settings.rangeBytes())) {
                CrawlResult crawl = SchemaCrawler.crawl(source, options);
                if (crawl.columns().size() > limits.maxColumns()) {
                    problems.add("data file %s has %d columns, more than %d (tidewater.inventory.limits.max-columns)"
                            .formatted(source.name(), crawl.columns().size(), limits.maxColumns()));
                    continue;
                }
                crawls.add(crawl);
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        ReportSchema schema = csv ? csv(verified, known, crawls, problems) : columnar(crawls, problems);
        if (csv) {
            duplicateNames(schema.names()).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidReportException("Cannot accept report s3://%s/%s: %s"
                    .formatted(
                            verified.location().bucket(),
                            verified.location().manifestKey(),
                            String.join("; ", problems)));
        }
        return new ReportSchema(schema.columns(), schema.header(), (System.nanoTime() - started) / 1_000_000);
    }

    private static ReportSchema csv(
            VerifiedManifest verified, List<String> known, List<CrawlResult> crawls, List<String> problems) {
        boolean header = known.isEmpty() && !crawls.isEmpty() && crawls.get(0).header();
        List<String> fields = !known.isEmpty()
                ? known
                : header
                        ? crawls.get(0).columns().stream()
                                .map(InferredColumn::sourceName)
                                .toList()
                        : InventoryColumns.DEFAULT_CSV_FIELDS;
        List<String> crawledTypes = new ArrayList<>();
        for (int index = 0; index < fields.size(); index++) {
            crawledTypes.add(null);
        }
        for (CrawlResult crawl : crawls) {
            if (crawl.columns().size() != fields.size()) {
                problems.add("data file %s has %d fields but %s names %d"
                        .formatted(
                                crawl.source(),
                                crawl.columns().size(),
                                known.isEmpty()
                                        ? (header ? "the first file's header" : "S3's default list")
                                        : "fileSchema",
                                fields.size()));
                continue;
            }
            if (crawl.header() != header) {
                problems.add("data file %s %s a header row, unlike the first file"
                        .formatted(crawl.source(), crawl.header() ? "has" : "lacks"));
            }
            for (int index = 0; index < fields.size(); index++) {
                crawledTypes.set(
                        index,
                        TypeUnion.of(
                                crawledTypes.get(index),
                                crawl.columns().get(index).type().toString()));
            }
        }
        List<LoadColumn> columns = new ArrayList<>();
        for (int index = 0; index < fields.size(); index++) {
            String type = crawledTypes.get(index) == null ? "string" : crawledTypes.get(index);
            columns.add(InventoryColumns.column(
                    InventoryColumns.snakeCase(fields.get(index)), fields.get(index), type, true));
        }
        return new ReportSchema(columns, header, 0);
    }

    /** Two CSV fields with one column name would make the load job ambiguous: the loader cannot tell them apart. */
    private static Optional<String> duplicateNames(List<String> names) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                duplicates.add(name);
            }
        }
        return duplicates.isEmpty()
                ? Optional.empty()
                : Optional.of("the fields name columns %s more than once".formatted(String.join(", ", duplicates)));
    }

    private static ReportSchema columnar(List<CrawlResult> crawls, List<String> problems) {
        Map<String, InferredColumn> byName = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (CrawlResult crawl : crawls) {
            for (InferredColumn column : crawl.columns()) {
                String name = InventoryColumns.snakeCase(column.sourceName());
                byName.putIfAbsent(name, column);
                types.put(name, TypeUnion.of(types.get(name), column.type().toString()));
            }
        }
        if (byName.isEmpty() && problems.isEmpty()) {
            problems.add("no columns in any data file");
        }
        List<LoadColumn> columns = new ArrayList<>();
        byName.forEach((name, column) ->
                columns.add(InventoryColumns.column(name, column.sourceName(), types.get(name), false)));
        return new ReportSchema(columns, false, 0);
    }

    /** The type two files' values of an undocumented field both fit: the same, the wider number, or string. */
    static final class TypeUnion {
        private static final Set<String> INTEGERS = Set.of("int", "long");
        private static final Set<String> FLOATS = Set.of("float", "double");

        private TypeUnion() {}

        static String of(String first, String second) {
            if (first == null || first.equals(second)) {
                return second;
            }
            if (INTEGERS.contains(first) && INTEGERS.contains(second)) {
                return "long";
            }
            if ((INTEGERS.contains(first) || FLOATS.contains(first))
                    && (INTEGERS.contains(second) || FLOATS.contains(second))) {
                return "double";
            }
            return "string";
        }
    }
}
