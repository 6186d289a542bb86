package io.tidewater.local.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.loader.sql.QueryResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** How {@code ./tidewater sql} prints a result: an aligned table, CSV, or JSON Lines. */
enum ResultFormat {
    TABLE {
        @Override
        String format(QueryResult result) {
            int[] widths = new int[result.columns().size()];
            List<List<String>> cells = new ArrayList<>();
            cells.add(result.columns());
            result.rows()
                    .forEach(row ->
                            cells.add(row.stream().map(ResultFormat::text).toList()));
            for (List<String> row : cells) {
                for (int index = 0; index < widths.length; index++) {
                    widths[index] = Math.max(widths[index], row.get(index).length());
                }
            }
            StringBuilder out = new StringBuilder();
            for (int line = 0; line < cells.size(); line++) {
                List<String> row = cells.get(line);
                for (int index = 0; index < widths.length; index++) {
                    out.append(index == 0 ? "" : " | ");
                    out.append(String.format("%-" + widths[index] + "s", row.get(index)));
                }
                out.append(System.lineSeparator());
                if (line == 0) {
                    for (int index = 0; index < widths.length; index++) {
                        out.append(index == 0 ? "" : "-+-").append("-".repeat(widths[index]));
                    }
                    out.append(System.lineSeparator());
                }
            }
            out.append("(%d row%s)"
                            .formatted(result.rows().size(), result.rows().size() == 1 ? "" : "s"))
                    .append(System.lineSeparator());
            return out.toString();
        }
    },
    CSV {
        @Override
        String format(QueryResult result) {
            StringWriter out = new StringWriter();
            try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
                printer.printRecord(result.columns());
                for (List<Object> row : result.rows()) {
                    printer.printRecord(row);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the result as CSV: " + e.getMessage(), e);
            }
            return out.toString();
        }
    },
    JSON {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        @Override
        String format(QueryResult result) {
            StringBuilder out = new StringBuilder();
            for (List<Object> row : result.rows()) {
                ObjectNode object = MAPPER.createObjectNode();
                for (int index = 0; index < result.columns().size(); index++) {
                    object.set(result.columns().get(index), MAPPER.valueToTree(row.get(index)));
                }
                try {
                    out.append(MAPPER.writeValueAsString(object)).append(System.lineSeparator());
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException("Cannot write the result as JSON: " + e.getMessage(), e);
                }
            }
            return out.toString();
        }
    };

    abstract String format(QueryResult result);

    private static String text(Object value) {
        return value == null ? "NULL" : value.toString();
    }
}
