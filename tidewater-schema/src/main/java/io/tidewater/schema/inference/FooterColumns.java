package io.tidewater.schema.inference;

import io.tidewater.schema.InvalidInputException;
import io.tidewater.schema.naming.ColumnNames;
import io.tidewater.schema.naming.NameCollision;
import io.tidewater.schema.naming.NormalisedNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.types.Type;

/**
 * What the Parquet and ORC footers have in common once their types are mapped: top-level columns named as the text
 * formats name them, and the checks that keep an absurd footer from reaching a table.
 */
final class FooterColumns {
    /** A data page or an ORC row group records its value count in 32 bits and takes at least one byte. */
    private static final long MAX_ROWS_PER_BYTE = Integer.MAX_VALUE;

    private final String format;
    private final String source;
    private final List<String> sourceNames = new ArrayList<>();
    private final List<Type> types = new ArrayList<>();
    private final List<Boolean> nullables = new ArrayList<>();

    FooterColumns(String format, String source) {
        this.format = format;
        this.source = source;
    }

    void add(String sourceName, Type type, boolean nullable) {
        sourceNames.add(sourceName);
        types.add(type);
        nullables.add(nullable);
    }

    InvalidInputException invalid(String detail) {
        return new InvalidInputException("Cannot read %s footer of %s: %s".formatted(format, source, detail));
    }

    InvalidInputException invalid(String detail, Throwable cause) {
        return new InvalidInputException("Cannot read %s footer of %s: %s".formatted(format, source, detail), cause);
    }

    /** @throws InvalidInputException naming every problem when there are any */
    void rejectIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw invalid(String.join("; ", problems));
        }
    }

    /** @return a problem when a file of {@code fileLength} bytes cannot hold {@code rows} rows, else {@code null} */
    static String implausibleRows(long rows, long fileLength) {
        return rows / Math.max(1, fileLength) > MAX_ROWS_PER_BYTE
                ? "it claims %d rows in %d bytes".formatted(rows, fileLength)
                : null;
    }

    CrawlResult result(FileFormat fileFormat, List<String> warnings) {
        List<String> allWarnings = new ArrayList<>(warnings);
        NormalisedNames names = ColumnNames.normalise(sourceNames);
        for (NameCollision collision : names.collisions()) {
            allWarnings.add("Cannot keep name %s for column '%s': '%s' has it; named it %s"
                    .formatted(
                            collision.normalisedName(),
                            collision.sourceName(),
                            collision.takenBy(),
                            collision.resolvedName()));
        }
        List<InferredColumn> columns = new ArrayList<>(sourceNames.size());
        for (int index = 0; index < sourceNames.size(); index++) {
            columns.add(new InferredColumn(
                    names.names().get(index), sourceNames.get(index), types.get(index), nullables.get(index), 1.0));
        }
        return new CrawlResult(
                source,
                fileFormat,
                null,
                false,
                HeaderEvidence.NOT_APPLICABLE,
                columns,
                allWarnings,
                0,
                false,
                List.of());
    }

    /** @return the message of {@code error}, with the message of its root cause when that differs */
    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == error ? message : error.getMessage() + " (" + message + ")";
    }
}
