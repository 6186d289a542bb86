package io.tidewater.schema.inference;

import io.tidewater.schema.InvalidInputException;
import io.tidewater.schema.naming.ColumnNames;
import io.tidewater.schema.naming.NameCollision;
import io.tidewater.schema.naming.NormalisedNames;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.iceberg.types.Type;

/** Infers dialect, header and column types of delimited text from a decoded sample. */
final class CsvInference {
    private final CrawlOptions options;

    CsvInference(CrawlOptions options) {
        this.options = options;
    }

    CrawlResult infer(String source, Sample sample, DecodedText decoded) {
        List<String> warnings = new ArrayList<>(decoded.warnings());
        String text = decoded.text();
        DialectSniffer.Sniffed sniffed = DialectSniffer.sniff(text, sample.truncated());
        CsvDialect dialect = new CsvDialect(
                sniffed.delimiter(),
                sniffed.quote(),
                sniffed.escape(),
                sniffed.lineSeparator(),
                sniffed.preambleLines(),
                decoded.charset().name(),
                decoded.byteOrderMark());
        String records = skipLines(text, sniffed.preambleLines(), sniffed.lineSeparator());
        List<List<String>> rows = parse(source, records, dialect, sample.truncated());
        if (rows.isEmpty()) {
            throw new InvalidInputException("Cannot infer schema of %s: no records in the first %d bytes"
                    .formatted(source, sample.bytes().length));
        }
        int width = width(rows);
        int ragged = 0;
        for (List<String> row : rows) {
            ragged += row.size() != width ? 1 : 0;
        }
        if (ragged > 0) {
            warnings.add(
                    "Cannot fit %d of %d sampled records to %d columns: short ones were padded with nulls, long ones cut"
                            .formatted(ragged, rows.size(), width));
        }
        HeaderDecision decision = new HeaderDetector(options).decide(rows, width);
        warnings.addAll(decision.warnings());
        List<List<String>> data = decision.header() ? rows.subList(1, rows.size()) : rows;
        NormalisedNames names = ColumnNames.normalise(decision.sourceNames());
        for (NameCollision collision : names.collisions()) {
            warnings.add("Cannot keep name %s for column '%s': '%s' has it; named it %s"
                    .formatted(
                            collision.normalisedName(),
                            collision.sourceName(),
                            collision.takenBy(),
                            collision.resolvedName()));
        }
        List<List<Boolean>> quoted = QuotedFields.scan(records, dialect);
        if (quoted.size() < rows.size()) {
            // The scan and the parser disagree on where records end: no quoting evidence rather than wrong evidence.
            quoted = List.of();
        }
        List<List<Boolean>> quotedData =
                decision.header() && !quoted.isEmpty() ? quoted.subList(1, quoted.size()) : quoted;
        NullTokenEvidence nullTokens = new NullTokenEvidence();
        List<InferredColumn> columns = new ArrayList<>(width);
        for (int column = 0; column < width; column++) {
            ColumnProfile profile = new ColumnProfile(options.nullTokens());
            for (int row = 0; row < data.size(); row++) {
                List<String> values = data.get(row);
                String value = column < values.size() ? values.get(column) : null;
                profile.add(value);
                if (value != null && !value.isEmpty() && row < quotedData.size()) {
                    List<Boolean> flags = quotedData.get(row);
                    boolean wasQuoted = column < flags.size() && flags.get(column);
                    nullTokens.text(value, wasQuoted, options.nullTokens().contains(value));
                }
            }
            Type type = profile.type(options.numberTyping());
            nullTokens.column(type, profile.tokens());
            columns.add(new InferredColumn(
                    names.names().get(column),
                    decision.sourceNames().get(column),
                    type,
                    profile.hasNulls() || profile.nonNulls() == 0,
                    profile.confidence(type)));
        }
        return new CrawlResult(
                source,
                FileFormat.CSV,
                dialect,
                decision.header(),
                decision.evidence(),
                columns,
                warnings,
                data.size(),
                sample.truncated(),
                nullTokens.found());
    }

    private List<List<String>> parse(String source, String text, CsvDialect dialect, boolean truncated) {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(dialect.delimiter())
                .setQuote(dialect.quote())
                .setEscape(dialect.escape() != null && dialect.escape() == '\\' ? Character.valueOf('\\') : null)
                .setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true)
                .setRecordSeparator(dialect.lineSeparator().sequence())
                .get();
        List<List<String>> rows = new ArrayList<>();
        int limit = options.sampleRows() + (truncated ? 1 : 0) + 1;
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(text))
                .setFormat(format)
                .get()) {
            Iterator<CSVRecord> records = parser.iterator();
            while (rows.size() < limit && records.hasNext()) {
                rows.add(records.next().toList());
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // A sample cut in the middle of a quoted field ends in an unterminated quote; keep the complete records.
            if (rows.isEmpty()) {
                throw new InvalidInputException("Cannot parse %s as CSV: %s".formatted(source, e.getMessage()), e);
            }
            return trim(rows, true);
        }
        return trim(rows, truncated);
    }

    private List<List<String>> trim(List<List<String>> rows, boolean dropLast) {
        // The last record of a truncated sample may be cut short.
        List<List<String>> complete = dropLast && rows.size() > 1 ? rows.subList(0, rows.size() - 1) : rows;
        int keep = Math.min(complete.size(), options.sampleRows() + 1);
        return complete.subList(0, keep);
    }

    private static String skipLines(String text, int lines, LineSeparator separator) {
        int start = 0;
        for (int line = 0; line < lines; line++) {
            int end = text.indexOf(separator.sequence(), start);
            if (end < 0) {
                return "";
            }
            start = end + separator.sequence().length();
        }
        return text.substring(start);
    }

    private static int width(List<List<String>> rows) {
        Map<Integer, Integer> frequency = new HashMap<>();
        int best = 0;
        int bestFrequency = 0;
        for (List<String> row : rows) {
            int seen = frequency.merge(row.size(), 1, Integer::sum);
            if (seen > bestFrequency || (seen == bestFrequency && row.size() > best)) {
                best = row.size();
                bestFrequency = seen;
            }
        }
        return best;
    }
}
