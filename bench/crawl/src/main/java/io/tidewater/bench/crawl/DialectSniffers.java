package io.tidewater.bench.crawl;

import io.tidewater.schema.inference.CrawlOptions;
import io.tidewater.schema.inference.CrawlResult;
import io.tidewater.schema.inference.SchemaCrawler;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The two sniffers under comparison, each answering delimiter, header and column count for one file. */
final class DialectSniffers {
    /** What a sniffer found, or why it found nothing. */
    record Sniffed(Character delimiter, Boolean header, Integer columns, String error) {
        static Sniffed failed(Exception error) {
            return new Sniffed(null, null, null, error.getClass().getSimpleName() + ": " + error.getMessage());
        }

        boolean matches(MessyCorpus.Truth truth) {
            return error == null
                    && delimiter == truth.delimiter()
                    && header == truth.header()
                    && columns == truth.columns();
        }

        String describe() {
            return error != null
                    ? "error " + error.lines().findFirst().orElse("")
                    : "delim=%s header=%s cols=%d".formatted(visible(delimiter), header, columns);
        }
    }

    private DialectSniffers() {}

    static Sniffed tidewater(Path file) {
        try {
            CrawlResult result = SchemaCrawler.crawl(file, CrawlOptions.defaults());
            Character delimiter = result.csvDialect().map(dialect -> dialect.delimiter()).orElse(null);
            return new Sniffed(delimiter, result.header(), result.columns().size(), null);
        } catch (RuntimeException e) {
            return Sniffed.failed(e);
        }
    }

    static Sniffed duckDb(Connection connection, Path file) {
        String sql = "SELECT Delimiter, HasHeader, len(Columns) FROM sniff_csv('%s')"
                .formatted(file.toAbsolutePath().toString().replace("'", "''"));
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            String delimiter = rows.getString(1);
            return new Sniffed(
                    delimiter == null || delimiter.isEmpty() ? null : delimiter.charAt(0),
                    rows.getBoolean(2),
                    rows.getInt(3),
                    null);
        } catch (SQLException | RuntimeException e) {
            return Sniffed.failed(e);
        }
    }

    static String visible(Character delimiter) {
        if (delimiter == null) {
            return "none";
        }
        return switch (delimiter) {
            case '\t' -> "TAB";
            case ' ' -> "SPACE";
            default -> String.valueOf(delimiter);
        };
    }
}
