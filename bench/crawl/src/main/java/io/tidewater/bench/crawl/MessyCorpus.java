package io.tidewater.bench.crawl;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * A seeded corpus of small, awkward CSV files, each with its ground truth: quoted fields with embedded delimiters and
 * newlines, CR-only and CRLF line ends, preambles, headerless and all-string files, semicolon, tab and pipe
 * delimiters, ragged rows, Latin-1 and a byte-order mark.
 */
final class MessyCorpus {
    /** What a sniffer should find. */
    record Truth(char delimiter, boolean header, int columns) {}

    record Case(String name, Path file, Truth truth) {}

    private static final String[] WORDS = {
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"
    };
    private static final String[] ACCENTED = {"Zürich", "São Paulo", "Málaga", "Orléans", "Köln", "Besançon", "Århus"};
    private static final String[] CITIES = {"London", "Paris", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Oslo"};
    private static final byte[] UTF8_BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    private final Random random;
    private final Path directory;
    private final List<Case> cases = new ArrayList<>();

    private MessyCorpus(long seed, Path directory) {
        this.random = new Random(seed);
        this.directory = directory;
    }

    static List<Case> write(long seed, Path directory) throws IOException {
        Files.createDirectories(directory);
        MessyCorpus corpus = new MessyCorpus(seed, directory);
        corpus.writeAll();
        return corpus.cases;
    }

    private void writeAll() throws IOException {
        Table orders = table(List.of("order_id", "customer", "amount", "order_date"), 120, this::orderRow);
        Table strings = table(List.of("city", "owner", "status"), 80, row -> List.of(
                pick(CITIES), pick(WORDS) + " " + pick(WORDS), pick(new String[] {"open", "closed", "pending"})));
        Table wide = table(
                header("metric_", 24), 60, row -> {
                    List<String> values = new ArrayList<>();
                    for (int column = 0; column < 24; column++) {
                        values.add(column % 3 == 0 ? pick(WORDS) : Integer.toString(random.nextInt(100_000)));
                    }
                    return values;
                });
        Table notes = table(List.of("id", "note", "score"), 60, row -> List.of(
                Integer.toString(row + 1),
                pick(WORDS) + ", " + pick(WORDS) + (row % 4 == 0 ? "\n" + pick(WORDS) : "") + (row % 7 == 0 ? " \"quoted\"" : ""),
                decimal(2)));
        Table readings = table(List.of("sensor", "reading", "taken_at"), 100, row -> List.of(
                "s-" + random.nextInt(50),
                decimal(3),
                LocalDate.of(2024, 1, 1).plusDays(random.nextInt(365)) + "T" + String.format(Locale.ROOT, "%02d:%02d:00", random.nextInt(24), random.nextInt(60))));

        file("01-comma-header-lf", orders, ',', "\n", false, true, "", StandardCharsets.UTF_8, false);
        file("02-comma-header-crlf", orders, ',', "\r\n", false, true, "", StandardCharsets.UTF_8, false);
        file("03-comma-header-cr-only", orders, ',', "\r", false, true, "", StandardCharsets.UTF_8, false);
        file("04-quoted-embedded-delimiters", notes, ',', "\n", false, true, "", StandardCharsets.UTF_8, false);
        file("05-quoted-all-fields", orders, ',', "\n", true, true, "", StandardCharsets.UTF_8, false);
        file("06-semicolon-decimal-comma", orders.map(value -> value.matches("-?\\d+\\.\\d+") ? value.replace('.', ',') : value), ';', "\n", false, true, "", StandardCharsets.UTF_8, false);
        file("07-tab-header", orders, '\t', "\n", false, true, "", StandardCharsets.UTF_8, false);
        file("08-pipe-header", orders, '|', "\n", false, true, "", StandardCharsets.UTF_8, false);
        file("09-comment-preamble", orders, ',', "\n", false, true, "# exported by billing\n# 2024-06-01\n", StandardCharsets.UTF_8, false);
        file("10-title-preamble", orders, ',', "\n", false, true, "Monthly orders report\n\n", StandardCharsets.UTF_8, false);
        file("11-headerless-numeric", readings, ',', "\n", false, false, "", StandardCharsets.UTF_8, false);
        file("12-headerless-all-strings", strings, ',', "\n", false, false, "", StandardCharsets.UTF_8, false);
        file("13-headerless-all-strings-tab", strings, '\t', "\n", false, false, "", StandardCharsets.UTF_8, false);
        file("14-ragged-short-rows", orders.ragged(-1), ',', "\n", false, true, "", StandardCharsets.UTF_8, false);
        file("15-ragged-long-rows", orders.ragged(1), ',', "\n", false, true, "", StandardCharsets.UTF_8, false);
        Table latin = table(List.of("ville", "propriétaire", "montant"), 80, row -> List.of(
                pick(ACCENTED), pick(WORDS) + "é", decimal(2).replace('.', ',')));
        file("16-latin1-semicolon", latin, ';', "\n", false, true, "", StandardCharsets.ISO_8859_1, false);
        file("17-utf8-bom-comma", orders, ',', "\n", false, true, "", StandardCharsets.UTF_8, true);
        file("18-utf8-bom-crlf-semicolon", latin, ';', "\r\n", false, true, "", StandardCharsets.UTF_8, true);
        file("19-all-strings-with-header", strings, ',', "\n", false, true, "", StandardCharsets.UTF_8, false);
        file("20-pipe-headerless", orders, '|', "\n", false, false, "", StandardCharsets.UTF_8, false);
        file("21-semicolon-headerless", readings, ';', "\n", false, false, "", StandardCharsets.UTF_8, false);
        file("22-tab-quoted-tabs", notes.map(value -> value.replace(", ", "\t")), '\t', "\n", false, true, "", StandardCharsets.UTF_8, false);
        file("23-wide-comma", wide, ',', "\n", false, true, "", StandardCharsets.UTF_8, false);
        file("24-empty-fields", orders.blanks(5), ',', "\n", false, true, "", StandardCharsets.UTF_8, false);
        file("25-escaped-quotes", notes, ';', "\n", true, true, "", StandardCharsets.UTF_8, false);
        file("26-few-rows", orders.first(3), ',', "\n", false, true, "", StandardCharsets.UTF_8, false);
        file("27-latin1-headerless-strings", latin.map(value -> value.replace(',', '.')), ',', "\n", false, false, "", StandardCharsets.ISO_8859_1, false);
        file("28-cr-only-headerless", readings, ',', "\r", false, false, "", StandardCharsets.UTF_8, false);
        file("29-preamble-semicolon", readings, ';', "\n", false, true, "Sensor export;;\nsite: north;;\n", StandardCharsets.UTF_8, false);
        file("30-tab-crlf-preamble", readings, '\t', "\r\n", false, true, "generated 2024-06-01\r\n", StandardCharsets.UTF_8, false);
        file("31-pipe-quoted-pipes", notes.map(value -> value.replace(", ", " | ")), '|', "\n", false, true, "", StandardCharsets.UTF_8, false);
        file("32-semicolon-embedded-newlines", notes, ';', "\r\n", false, true, "", StandardCharsets.UTF_8, false);
        file("33-cr-only-timestamps", readings, ',', "\r", false, true, "", StandardCharsets.UTF_8, false);
        file("34-bom-headerless-strings-crlf", strings, ',', "\r\n", false, false, "", StandardCharsets.UTF_8, true);
        file("35-quoted-header-only", orders, ',', "\n", false, true, "", StandardCharsets.UTF_8, false, true);
        file("36-two-column-tab-headerless-strings", table(List.of("k", "v"), 50, row -> List.of(pick(WORDS), pick(CITIES))), '\t', "\n", false, false, "", StandardCharsets.UTF_8, false);
    }

    private List<String> orderRow(int row) {
        return List.of(
                Integer.toString(10_000 + row),
                pick(CITIES) + " " + pick(WORDS),
                decimal(2),
                LocalDate.of(2024, 1, 1).plusDays(random.nextInt(365)).toString());
    }

    private String decimal(int scale) {
        return String.format(Locale.ROOT, "%." + scale + "f", random.nextDouble() * 1000);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static List<String> header(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            names.add(prefix + index);
        }
        return names;
    }

    private Table table(List<String> header, int rows, Function<Integer, List<String>> row) {
        List<List<String>> data = new ArrayList<>();
        for (int index = 0; index < rows; index++) {
            data.add(row.apply(index));
        }
        return new Table(header, data, header.size());
    }

    private void file(
            String name,
            Table table,
            char delimiter,
            String lineEnd,
            boolean quoteAll,
            boolean header,
            String preamble,
            Charset charset,
            boolean bom)
            throws IOException {
        file(name, table, delimiter, lineEnd, quoteAll, header, preamble, charset, bom, false);
    }

    private void file(
            String name,
            Table table,
            char delimiter,
            String lineEnd,
            boolean quoteAll,
            boolean header,
            String preamble,
            Charset charset,
            boolean bom,
            boolean quoteHeaderOnly)
            throws IOException {
        StringBuilder text = new StringBuilder(preamble);
        if (header) {
            line(text, table.header(), delimiter, lineEnd, quoteAll || quoteHeaderOnly);
        }
        for (List<String> row : table.rows()) {
            line(text, row, delimiter, lineEnd, quoteAll);
        }
        byte[] content = text.toString().getBytes(charset);
        Path file = directory.resolve(name + ".csv");
        try (var out = Files.newOutputStream(file)) {
            if (bom) {
                out.write(UTF8_BOM);
            }
            out.write(content);
        }
        cases.add(new Case(name, file, new Truth(delimiter, header, table.width())));
    }

    private static void line(StringBuilder text, List<String> values, char delimiter, String lineEnd, boolean quoteAll) {
        for (int index = 0; index < values.size(); index++) {
            if (index > 0) {
                text.append(delimiter);
            }
            String value = values.get(index);
            boolean quote = quoteAll
                    || value.indexOf(delimiter) >= 0
                    || value.indexOf('"') >= 0
                    || value.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0;
            text.append(quote ? '"' + value.replace("\"", "\"\"") + '"' : value);
        }
        text.append(lineEnd);
    }

    /** Rows of values; {@code width} is the true column count even when rows are ragged. */
    private record Table(List<String> header, List<List<String>> rows, int width) {
        Table map(Function<String, String> change) {
            return new Table(header, rows.stream().map(row -> row.stream().map(change).toList()).toList(), width);
        }

        /** Every fifth row one field shorter ({@code -1}) or longer ({@code 1}). */
        Table ragged(int change) {
            List<List<String>> changed = new ArrayList<>();
            for (int index = 0; index < rows.size(); index++) {
                List<String> row = new ArrayList<>(rows.get(index));
                if (index % 5 == 3) {
                    if (change < 0) {
                        row.remove(row.size() - 1);
                    } else {
                        row.add("extra");
                    }
                }
                changed.add(row);
            }
            return new Table(header, changed, width);
        }

        /** Every {@code every}-th value empty. */
        Table blanks(int every) {
            List<List<String>> changed = new ArrayList<>();
            int counter = 0;
            for (List<String> row : rows) {
                List<String> copy = new ArrayList<>();
                for (String value : row) {
                    copy.add(counter++ % every == 0 ? "" : value);
                }
                changed.add(copy);
            }
            return new Table(header, changed, width);
        }

        Table first(int count) {
            return new Table(header, rows.subList(0, count), width);
        }
    }
}
