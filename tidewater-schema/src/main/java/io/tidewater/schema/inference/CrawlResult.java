package io.tidewater.schema.inference;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * What the crawler found in one file.
 *
 * @param source the file name or the name the caller gave the stream
 * @param format the detected format
 * @param dialect how the text is written; {@code null} unless the format is {@link FileFormat#CSV}
 * @param header whether the first record is a header row (always {@code false} for formats without one)
 * @param headerEvidence what decided {@code header}
 * @param columns the columns in file order
 * @param warnings things a person should know (ragged rows, encoding fallback, name collisions), never errors
 * @param sampledRows how many records the inference used
 * @param sampleTruncated whether the file was longer than the sample
 * @param nullTokens the text values besides the empty field that the sample shows to mean null, most frequent first:
 *     a token seen where a column otherwise holds numbers, dates, timestamps or booleans, or unquoted in a file that
 *     quotes every text value; empty for formats that have real nulls
 */
public record CrawlResult(
        String source,
        FileFormat format,
        CsvDialect dialect,
        boolean header,
        HeaderEvidence headerEvidence,
        List<InferredColumn> columns,
        List<String> warnings,
        int sampledRows,
        boolean sampleTruncated,
        List<String> nullTokens) {
    public CrawlResult {
        requireNonNull(source, "source is null");
        requireNonNull(format, "format is null");
        requireNonNull(headerEvidence, "headerEvidence is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
        nullTokens = nullTokens == null ? List.of() : List.copyOf(nullTokens);
    }

    /** @return the dialect when the file is CSV */
    public Optional<CsvDialect> csvDialect() {
        return Optional.ofNullable(dialect);
    }

    /**
     * The columns as an Iceberg schema with fresh field ids from 1, every column optional, ready to create a table or
     * to compare with one in {@link io.tidewater.schema.evolution.EvolutionPlanner}.
     *
     * @return the schema
     */
    public Schema toSchema() {
        List<Types.NestedField> fields = new ArrayList<>(columns.size());
        for (int index = 0; index < columns.size(); index++) {
            InferredColumn column = columns.get(index);
            fields.add(Types.NestedField.optional(index + 1, column.name(), column.type()));
        }
        AtomicInteger nextId = new AtomicInteger();
        return TypeUtil.assignFreshIds(new Schema(fields), nextId::incrementAndGet);
    }
}
