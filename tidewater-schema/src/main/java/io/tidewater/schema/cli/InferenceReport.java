package io.tidewater.schema.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.schema.InvalidInputException;
import io.tidewater.schema.RetryableSchemaException;
import io.tidewater.schema.inference.CrawlOptions;
import io.tidewater.schema.inference.CrawlResult;
import io.tidewater.schema.inference.CsvDialect;
import io.tidewater.schema.inference.InferredColumn;
import io.tidewater.schema.inference.SchemaCrawler;
import io.tidewater.schema.types.TypeStrings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the crawler finds in files, printed for people or scripts: the rendering behind the launcher's {@code infer}
 * command, which parses the arguments. Every file given is inferred, and every file under every directory given;
 * results are printed as each file is read, so thousands of files take constant memory.
 */
public final class InferenceReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** How each file's result is printed. */
    public enum Style {
        /** A readable table per file. */
        TABLE,
        /**
         * One JSON object per line and file: {@code file}, {@code format}, {@code delimiter}, {@code quote},
         * {@code escape}, {@code lineSeparator}, {@code header}, {@code headerEvidence}, {@code columns}, or
         * {@code error}.
         */
        JSON
    }

    private InferenceReport() {}

    /**
     * Infers and prints every file.
     *
     * @param paths files and directories, at least one
     * @param options how much to sample and what is known, such as S3 Inventory's {@code fileSchema}
     * @param style how to print each result
     * @param out where results and per-file errors go
     * @return 0 when every file was read, 1 when any failed
     */
    public static int print(List<Path> paths, CrawlOptions options, Style style, PrintWriter out) {
        requireNonNull(options, "options is null");
        requireNonNull(style, "style is null");
        if (requireNonNull(paths, "paths is null").isEmpty()) {
            throw new IllegalArgumentException("Cannot infer schemas: no path given");
        }
        boolean json = style == Style.JSON;
        boolean failed = false;
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    Iterator<Path> iterator =
                            files.filter(Files::isRegularFile).sorted().iterator();
                    while (iterator.hasNext()) {
                        failed |= !inferOne(iterator.next(), options, json, out);
                    }
                } catch (IOException | UncheckedIOException e) {
                    failed = true;
                    print(out, json, path, "Cannot list directory %s: %s".formatted(path, e.getMessage()));
                }
            } else {
                failed |= !inferOne(path, options, json, out);
            }
        }
        out.flush();
        return failed ? 1 : 0;
    }

    private static boolean inferOne(Path file, CrawlOptions options, boolean json, PrintWriter out) {
        CrawlResult result;
        try {
            result = SchemaCrawler.crawl(file, options);
        } catch (InvalidInputException | RetryableSchemaException e) {
            print(out, json, file, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // One unreadable file must not stop a run over thousands; it is reported and the exit code says so.
            print(out, json, file, "Cannot infer schema of %s: %s".formatted(file, e));
            return false;
        }
        if (json) {
            out.println(toJson(file, result));
        } else {
            out.println(toTable(file, result));
        }
        return true;
    }

    private static void print(PrintWriter out, boolean json, Path file, String error) {
        if (json) {
            ObjectNode node = MAPPER.createObjectNode();
            node.put("file", file.toString());
            node.put("error", error);
            out.println(write(node));
        } else {
            out.println(file + "\n  error: " + error + "\n");
        }
    }

    private static String toJson(Path file, CrawlResult result) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("file", file.toString());
        node.put("format", result.format().name().toLowerCase(Locale.ROOT));
        CsvDialect dialect = result.dialect();
        node.put("delimiter", dialect == null ? null : String.valueOf(dialect.delimiter()));
        node.put("quote", dialect == null || dialect.quote() == null ? null : String.valueOf(dialect.quote()));
        node.put("escape", dialect == null || dialect.escape() == null ? null : String.valueOf(dialect.escape()));
        node.put(
                "lineSeparator",
                dialect == null ? null : dialect.lineSeparator().name());
        node.put("preambleLines", dialect == null ? 0 : dialect.preambleLines());
        node.put("encoding", dialect == null ? null : dialect.encoding());
        node.put("header", result.header());
        node.put("headerEvidence", result.headerEvidence().name());
        node.put("sampledRows", result.sampledRows());
        node.put("sampleTruncated", result.sampleTruncated());
        ArrayNode columns = node.putArray("columns");
        for (InferredColumn column : result.columns()) {
            ObjectNode entry = columns.addObject();
            entry.put("name", column.name());
            entry.put("sourceName", column.sourceName());
            entry.put("type", TypeStrings.format(column.type()));
            entry.put("nullable", column.nullable());
            entry.put("confidence", Math.round(column.confidence() * 1000) / 1000.0);
        }
        ArrayNode warnings = node.putArray("warnings");
        result.warnings().forEach(warnings::add);
        return write(node);
    }

    private static String toTable(Path file, CrawlResult result) {
        StringBuilder text = new StringBuilder();
        text.append(file).append('\n');
        text.append("  format: ").append(result.format());
        CsvDialect dialect = result.dialect();
        if (dialect != null) {
            text.append("  delimiter: ").append(visible(dialect.delimiter()));
            text.append("  quote: ").append(dialect.quote() == null ? "none" : visible(dialect.quote()));
            text.append("  escape: ").append(dialect.escape() == null ? "none" : visible(dialect.escape()));
            text.append("  lines: ").append(dialect.lineSeparator());
            text.append("  preamble: ").append(dialect.preambleLines());
            text.append("  encoding: ").append(dialect.encoding());
        }
        text.append("\n  header: ")
                .append(result.header())
                .append(" (")
                .append(result.headerEvidence())
                .append(")");
        text.append("  rows sampled: ").append(result.sampledRows()).append('\n');
        int width = result.columns().stream()
                .mapToInt(column -> column.name().length())
                .max()
                .orElse(4);
        for (InferredColumn column : result.columns()) {
            text.append("  ")
                    .append(String.format(Locale.ROOT, "%-" + width + "s", column.name()))
                    .append("  ")
                    .append(String.format(Locale.ROOT, "%-16s", TypeStrings.format(column.type())))
                    .append(column.nullable() ? "  null    " : "  not null")
                    .append(String.format(Locale.ROOT, "  %.2f", column.confidence()))
                    .append(column.sourceName().equals(column.name()) ? "" : "  (" + column.sourceName() + ")")
                    .append('\n');
        }
        result.warnings()
                .forEach(warning -> text.append("  warning: ").append(warning).append('\n'));
        return text.toString();
    }

    private static String visible(char character) {
        return switch (character) {
            case '\t' -> "TAB";
            case ' ' -> "SPACE";
            default -> String.valueOf(character);
        };
    }

    private static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }
}
