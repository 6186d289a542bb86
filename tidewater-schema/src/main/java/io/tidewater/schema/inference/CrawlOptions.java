package io.tidewater.schema.inference;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import org.apache.iceberg.Schema;

/**
 * How much to sample and what the caller already knows. Start from {@link #defaults()} and change what you need with
 * the {@code with...} methods.
 *
 * @param sampleBytes the most bytes to read after decompression; the crawler never reads more of a text file
 * @param sampleRows the most records to use for inference
 * @param knownColumns the column names given by the caller, in file order (S3 Inventory {@code fileSchema}, CUR
 *     manifest {@code columns}); empty when unknown. They win over every other header evidence.
 * @param tableSchema the schema of the target table, or {@code null} when there is none yet
 * @param numberTyping how numeric text is typed
 * @param nullTokens the text values that mean null in CSV files
 * @param formatHint the format to assume, or {@code null} to detect it from the content
 */
public record CrawlOptions(
        int sampleBytes,
        int sampleRows,
        List<String> knownColumns,
        Schema tableSchema,
        NumberTyping numberTyping,
        Set<String> nullTokens,
        FileFormat formatHint) {
    /** One mebibyte: enough for a thousand wide CUR rows, small enough for thousands of files per minute. */
    public static final int DEFAULT_SAMPLE_BYTES = 1 << 20;

    public static final int DEFAULT_SAMPLE_ROWS = 1000;
    /** What exports and hand-written files put for null besides an empty field. */
    public static final Set<String> DEFAULT_NULL_TOKENS = Set.of("", "NULL", "null", "\\N", "N/A");

    public CrawlOptions {
        if (sampleBytes < 1) {
            throw new IllegalArgumentException(
                    "Cannot create crawl options: sampleBytes must be positive: " + sampleBytes);
        }
        if (sampleRows < 1) {
            throw new IllegalArgumentException(
                    "Cannot create crawl options: sampleRows must be positive: " + sampleRows);
        }
        knownColumns = List.copyOf(requireNonNull(knownColumns, "knownColumns is null"));
        requireNonNull(numberTyping, "numberTyping is null");
        nullTokens = Set.copyOf(requireNonNull(nullTokens, "nullTokens is null"));
    }

    /** @return 1 MiB, 1000 rows, nothing known, {@link NumberTyping#STABLE}, the usual null tokens, format detected */
    public static CrawlOptions defaults() {
        return new CrawlOptions(
                DEFAULT_SAMPLE_BYTES,
                DEFAULT_SAMPLE_ROWS,
                List.of(),
                null,
                NumberTyping.STABLE,
                DEFAULT_NULL_TOKENS,
                null);
    }

    public CrawlOptions withSampleBytes(int bytes) {
        return new CrawlOptions(bytes, sampleRows, knownColumns, tableSchema, numberTyping, nullTokens, formatHint);
    }

    public CrawlOptions withKnownColumns(List<String> columns) {
        return new CrawlOptions(sampleBytes, sampleRows, columns, tableSchema, numberTyping, nullTokens, formatHint);
    }

    /**
     * @param commaSeparated a list such as S3 Inventory's {@code "Bucket, Key, VersionId"}
     * @return options with those known columns
     */
    public CrawlOptions withKnownColumns(String commaSeparated) {
        requireNonNull(commaSeparated, "commaSeparated is null");
        List<String> columns = commaSeparated.isBlank()
                ? List.of()
                : List.of(commaSeparated.split(",")).stream().map(String::trim).toList();
        return withKnownColumns(columns);
    }

    public CrawlOptions withTableSchema(Schema schema) {
        return new CrawlOptions(sampleBytes, sampleRows, knownColumns, schema, numberTyping, nullTokens, formatHint);
    }

    public CrawlOptions withNumberTyping(NumberTyping typing) {
        return new CrawlOptions(sampleBytes, sampleRows, knownColumns, tableSchema, typing, nullTokens, formatHint);
    }

    public CrawlOptions withNullTokens(Set<String> tokens) {
        return new CrawlOptions(sampleBytes, sampleRows, knownColumns, tableSchema, numberTyping, tokens, formatHint);
    }

    public CrawlOptions withFormatHint(FileFormat format) {
        return new CrawlOptions(sampleBytes, sampleRows, knownColumns, tableSchema, numberTyping, nullTokens, format);
    }
}
