package io.tidewater.schema.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.contract.EvolutionPolicy;
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
import io.tidewater.schema.inference.HeaderEvidence;
import io.tidewater.schema.inference.InferredColumn;
import io.tidewater.schema.inference.LineSeparator;
import io.tidewater.schema.types.TypeStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class CrawledFilesTest {
    private static final List<Type> TYPES = List.of(
            Types.BooleanType.get(),
            Types.IntegerType.get(),
            Types.LongType.get(),
            Types.FloatType.get(),
            Types.DoubleType.get(),
            Types.DecimalType.of(38, 10),
            Types.DateType.get(),
            Types.TimeType.get(),
            Types.TimestampType.withZone(),
            Types.TimestampType.withoutZone(),
            Types.StringType.get(),
            Types.UUIDType.get(),
            Types.FixedType.ofLength(7),
            Types.BinaryType.get(),
            Types.MapType.ofOptional(1, 2, Types.StringType.get(), Types.StringType.get()),
            Types.ListType.ofRequired(3, Types.LongType.get()));

    private static final List<SourceFile> ONE_CSV_FILE = List.of(new SourceFile("s3://in/costs.csv", 42, null));

    private static InferredColumn column(String name, Type type) {
        return new InferredColumn(name, name, type, true, 1.0);
    }

    private static CrawlResult csv(
            CsvDialect dialect, boolean header, List<String> nullTokens, InferredColumn... columns) {
        return new CrawlResult(
                "s3://in/costs.csv",
                FileFormat.CSV,
                dialect,
                header,
                header ? HeaderEvidence.TYPE_PROFILE : HeaderEvidence.CALLER_COLUMNS,
                List.of(columns),
                List.of(),
                10,
                false,
                nullTokens);
    }

    private static CrawlResult footer(FileFormat format, InferredColumn... columns) {
        return new CrawlResult(
                "s3://in/objects." + format,
                format,
                null,
                false,
                HeaderEvidence.NOT_APPLICABLE,
                List.of(columns),
                List.of(),
                0,
                false,
                List.of());
    }

    private static CsvDialect dialect(char delimiter, Character quote, Character escape, int preambleLines) {
        return new CsvDialect(delimiter, quote, escape, LineSeparator.LF, preambleLines, "UTF-8", false);
    }

    /** The fields only the caller knows, so that a job can be built. */
    private static LoadJob completed(LoadJob.Builder builder) {
        return builder.runId("run-1")
                .evolutionPolicy(EvolutionPolicy.ADD_NEW_COLUMNS)
                .replyTo("results")
                .build();
    }

    @Provide
    Arbitrary<List<InferredColumn>> columns() {
        Arbitrary<InferredColumn> column = Combinators.combine(
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .ofMinLength(1)
                                .ofMaxLength(12),
                        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
                        Arbitraries.of(TYPES),
                        Arbitraries.of(true, false),
                        Arbitraries.doubles().between(0, 1))
                .as(InferredColumn::new);
        return column.list().ofMaxSize(30);
    }

    @Property
    void everyCrawledColumnBecomesALoadColumnInFileOrder(
            @ForAll("columns") List<InferredColumn> columns, @ForAll SourceFormat format) {
        CrawlResult crawl = footer(FileFormat.PARQUET, columns.toArray(InferredColumn[]::new));

        CrawledFiles files = CrawledFiles.of(crawl, format, ONE_CSV_FILE, ReaderOptions.s3InventoryCsv());

        assertThat(files.columns()).hasSameSizeAs(columns);
        for (int index = 0; index < columns.size(); index++) {
            InferredColumn crawled = columns.get(index);
            LoadColumn loaded = files.columns().get(index);
            assertThat(loaded.name()).isEqualTo(crawled.name());
            assertThat(loaded.sourceName()).isEqualTo(crawled.sourceName());
            assertThat(loaded.nullable()).isEqualTo(crawled.nullable());
            assertThat(loaded.type()).isEqualTo(TypeStrings.format(crawled.type()));
            assertThat(TypeStrings.format(TypeStrings.parse(loaded.type())))
                    .as("the type string reads back as the same type")
                    .isEqualTo(loaded.type());
        }
    }

    @Property
    void aCsvCrawlGivesItsDialectHeaderAndNullTokens(
            @ForAll("delimiters") char delimiter,
            @ForAll("quotes") Character quote,
            @ForAll boolean header,
            @ForAll @Size(max = 3) List<@net.jqwik.api.constraints.AlphaChars String> nullTokens,
            @ForAll boolean gzip) {
        Character escape = quote == null ? null : quote;
        CrawlResult crawl = csv(dialect(delimiter, quote, escape, 0), header, nullTokens);
        List<SourceFile> files = List.of(new SourceFile("s3://in/costs.csv" + (gzip ? ".GZ" : ""), 1, null));

        ReaderOptions options =
                CrawledFiles.of(crawl, SourceFormat.CSV, files, null).readerOptions();

        assertThat(options.delimiter()).isEqualTo(delimiter);
        assertThat(options.quote()).isEqualTo(quote == null ? '\0' : quote);
        assertThat(options.escape())
                .as("no escape means the quote escapes itself")
                .isEqualTo(options.quote());
        assertThat(options.header()).isEqualTo(header);
        assertThat(options.nullTokens()).isEqualTo(nullTokens);
        assertThat(options.compression()).isEqualTo(gzip ? "gzip" : "none");
    }

    @Provide
    Arbitrary<Character> delimiters() {
        return Arbitraries.of(',', ';', '\t', '|');
    }

    @Provide
    Arbitrary<Character> quotes() {
        return Arbitraries.of('"', '\'').injectNull(0.3);
    }

    @Property
    void declaredReaderOptionsWinOverTheCrawledDialect(@ForAll SourceFormat format, @ForAll boolean declared) {
        ReaderOptions options = declared ? ReaderOptions.s3InventoryCsv() : null;
        CrawlResult crawl = csv(dialect(';', null, null, 0), true, List.of("NULL"));

        CrawledFiles files = CrawledFiles.of(crawl, format, ONE_CSV_FILE, options);

        if (declared || format != SourceFormat.CSV) {
            assertThat(files.readerOptions()).isEqualTo(options);
        } else {
            assertThat(files.readerOptions())
                    .isEqualTo(new ReaderOptions(';', '\0', '\0', true, List.of("NULL"), "none"));
        }
    }

    @Property
    void columnTypesOverrideByNameOrSourceNameAndLeaveTheRest(@ForAll("columns") List<InferredColumn> columns) {
        List<InferredColumn> unique = columns.stream()
                .filter(column -> columns.stream()
                                .filter(other -> other.name().equals(column.name())
                                        || other.sourceName().equals(column.sourceName())
                                        || other.name().equals(column.sourceName())
                                        || other.sourceName().equals(column.name()))
                                .count()
                        == 1)
                .toList();
        Map<String, String> types = new java.util.HashMap<>();
        List<String> expected = new ArrayList<>();
        for (int index = 0; index < unique.size(); index++) {
            InferredColumn column = unique.get(index);
            String type = TypeStrings.format(column.type());
            if (index % 3 == 0) {
                types.put(column.name(), "string");
                type = "string";
            } else if (index % 3 == 1) {
                types.put(column.sourceName(), "decimal(20,0)");
                type = "decimal(20,0)";
            }
            expected.add(type);
        }
        CrawledFiles files = CrawledFiles.of(
                footer(FileFormat.ORC, unique.toArray(InferredColumn[]::new)), SourceFormat.ORC, ONE_CSV_FILE, null);

        CrawledFiles typed = files.withColumnTypes(types);

        assertThat(typed.columns()).extracting(LoadColumn::type).containsExactlyElementsOf(expected);
        assertThat(typed.columns())
                .extracting(LoadColumn::name)
                .containsExactlyElementsOf(
                        files.columns().stream().map(LoadColumn::name).toList());
    }

    @Property
    void theJobCarriesTheCrawledFilesAndAppendsByDefault(
            @ForAll("columns") List<InferredColumn> columns, @ForAll SourceFormat format) {
        CrawledFiles files = CrawledFiles.of(
                footer(FileFormat.PARQUET, columns.toArray(InferredColumn[]::new)),
                format,
                ONE_CSV_FILE,
                ReaderOptions.s3InventoryCsv());

        LoadJob job = completed(files.toJob("billing.cur", "billing/cur/2024-10/a1"));

        assertThat(job.table()).isEqualTo("billing.cur");
        assertThat(job.idempotencyKey()).isEqualTo("billing/cur/2024-10/a1");
        assertThat(job.files()).isEqualTo(ONE_CSV_FILE);
        assertThat(job.format()).isEqualTo(format);
        assertThat(job.readerOptions()).isEqualTo(files.readerOptions());
        assertThat(job.columns()).isEqualTo(files.columns());
        assertThat(job.writeMode()).isEqualTo(new WriteMode.Append());
        assertThat(job.jobId()).isNotBlank();
    }

    @Test
    void everyJobGetsItsOwnId() {
        CrawledFiles files = new CrawledFiles(ONE_CSV_FILE, SourceFormat.PARQUET, List.of(), null);

        assertThat(completed(files.toJob("t.a", "k")).jobId())
                .isNotEqualTo(completed(files.toJob("t.a", "k")).jobId());
    }

    @Test
    void refusesAnUnparsableColumnTypeNamingTheColumn() {
        CrawledFiles files = CrawledFiles.of(
                footer(FileFormat.PARQUET, column("amount", Types.DoubleType.get())),
                SourceFormat.PARQUET,
                ONE_CSV_FILE,
                null);

        assertThatThrownBy(() -> files.withColumnTypes(Map.of("amount", "money")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Cannot load column amount as 'money': ");
    }

    @Test
    void refusesCsvWhoseCrawlFoundAnotherFormat() {
        CrawlResult crawl = footer(FileFormat.PARQUET, column("id", Types.LongType.get()));

        assertThatThrownBy(() -> CrawledFiles.of(crawl, SourceFormat.CSV, ONE_CSV_FILE, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot read s3://in/objects.PARQUET as CSV: the crawl found PARQUET");
    }

    @Test
    void refusesCsvWithLinesBeforeTheHeader() {
        CrawlResult crawl = csv(dialect(',', '"', '"', 2), true, List.of(), column("id", Types.LongType.get()));

        assertThatThrownBy(() -> CrawledFiles.of(crawl, SourceFormat.CSV, ONE_CSV_FILE, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Cannot read s3://in/costs.csv as CSV: it starts with 2 lines before the header, which the"
                        + " loader's CSV reader cannot skip; load a copy without them");
    }

    @Test
    void tellsTheCrawlerEveryDeclaredFormat() {
        assertThat(List.of(SourceFormat.values()))
                .extracting(CrawledFiles::crawlFormat)
                .containsExactly(FileFormat.CSV, FileFormat.PARQUET, FileFormat.ORC, FileFormat.JSON_LINES);
    }
}
