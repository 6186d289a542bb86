package io.tidewater.schema.inference;

import io.tidewater.schema.naming.ColumnNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Decides whether the first record is a header. The evidence is consulted in order: the caller's column list, the
 * target table's columns, then heuristics that still work when every column is a string (where Glue's classifier gives
 * up): the type profile of the other rows, known names, repeated or empty values, and the shape of the values.
 */
final class HeaderDetector {
    private static final Pattern IDENTIFIER_LIKE = Pattern.compile("[\\p{L}_][\\p{L}\\p{N} _/:.()\\-]*");

    private final CrawlOptions options;

    HeaderDetector(CrawlOptions options) {
        this.options = options;
    }

    HeaderDecision decide(List<List<String>> rows, int width) {
        List<String> first = rows.get(0);
        List<String> warnings = new ArrayList<>();
        if (!options.knownColumns().isEmpty()) {
            List<String> names = options.knownColumns();
            boolean header = matchesMost(first, names, width);
            if (names.size() != width) {
                warnings.add(
                        "Cannot match the %d known columns to the %d columns of the file: extra columns are named col<n>"
                                .formatted(names.size(), width));
            }
            return new HeaderDecision(header, HeaderEvidence.CALLER_COLUMNS, pad(names, width), warnings);
        }
        Schema table = options.tableSchema();
        if (table != null) {
            List<String> names =
                    table.columns().stream().map(Types.NestedField::name).toList();
            if (matchesMost(first, names, width)) {
                return new HeaderDecision(true, HeaderEvidence.TABLE_COLUMNS, pad(first, width), warnings);
            }
            if (names.size() == width) {
                return new HeaderDecision(false, HeaderEvidence.TABLE_COLUMNS, names, warnings);
            }
        }
        return heuristics(rows, width, warnings);
    }

    private HeaderDecision heuristics(List<List<String>> rows, int width, List<String> warnings) {
        List<String> first = rows.get(0);
        List<List<String>> rest = rows.subList(1, rows.size());
        int fits = 0;
        int misfits = 0;
        List<Integer> textColumns = new ArrayList<>();
        for (int column = 0; column < width; column++) {
            ColumnProfile profile = new ColumnProfile(options.nullTokens());
            for (List<String> row : rest) {
                profile.add(column < row.size() ? row.get(column) : null);
            }
            Type type = profile.type(NumberTyping.EXACT);
            String value = value(first, column);
            if (profile.nonNulls() == 0 || type.typeId() == Type.TypeID.STRING) {
                textColumns.add(column);
                continue;
            }
            if (value == null || options.nullTokens().contains(value)) {
                continue;
            }
            if (ColumnProfile.fits(ValueShape.of(value), type)) {
                fits++;
            } else {
                misfits++;
            }
        }
        if (misfits > 0 && misfits >= fits) {
            return new HeaderDecision(true, HeaderEvidence.TYPE_PROFILE, pad(first, width), warnings);
        }
        if (fits > 0) {
            return new HeaderDecision(false, HeaderEvidence.TYPE_PROFILE, generated(width), warnings);
        }
        int known = 0;
        for (int column = 0; column < width; column++) {
            known += KnownColumnNames.contains(value(first, column)) ? 1 : 0;
        }
        if (known * 2 >= width && known > 0) {
            return new HeaderDecision(true, HeaderEvidence.KNOWN_NAMES, pad(first, width), warnings);
        }
        if (hasRepeatedOrEmptyValues(first, rest, width)) {
            return new HeaderDecision(false, HeaderEvidence.REPEATED_VALUES, generated(width), warnings);
        }
        boolean header = looksLikeHeaderByShape(first, rest, textColumns, width);
        return new HeaderDecision(
                header, HeaderEvidence.SHAPE_PROFILE, header ? pad(first, width) : generated(width), warnings);
    }

    private boolean hasRepeatedOrEmptyValues(List<String> first, List<List<String>> rest, int width) {
        Set<String> seen = new HashSet<>();
        for (int column = 0; column < width; column++) {
            String value = value(first, column);
            if (value == null || value.isBlank() || options.nullTokens().contains(value)) {
                return true;
            }
            if (!seen.add(value.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        int repeats = 0;
        for (int column = 0; column < width; column++) {
            String value = value(first, column);
            for (List<String> row : rest) {
                if (value.equals(value(row, column))) {
                    repeats++;
                    break;
                }
            }
        }
        return repeats > 0;
    }

    /**
     * Votes per text column: a first value that is identifier-like while the rest are not, or whose length lies outside
     * the range of the rest, points to a header; a first value that looks like the rest points to data.
     */
    private static boolean looksLikeHeaderByShape(
            List<String> first, List<List<String>> rest, List<Integer> textColumns, int width) {
        int identifierLike = 0;
        for (int column = 0; column < width; column++) {
            String value = value(first, column);
            if (value != null && IDENTIFIER_LIKE.matcher(value).matches()) {
                identifierLike++;
            }
        }
        if (identifierLike < width) {
            return false;
        }
        if (rest.isEmpty()) {
            return true;
        }
        int headerVotes = 0;
        int dataVotes = 0;
        for (int column : textColumns) {
            String value = value(first, column);
            int minimum = Integer.MAX_VALUE;
            int maximum = 0;
            int restIdentifierLike = 0;
            int restValues = 0;
            for (List<String> row : rest) {
                String other = value(row, column);
                if (other == null || other.isEmpty()) {
                    continue;
                }
                restValues++;
                minimum = Math.min(minimum, other.length());
                maximum = Math.max(maximum, other.length());
                restIdentifierLike += IDENTIFIER_LIKE.matcher(other).matches() ? 1 : 0;
            }
            if (restValues == 0) {
                continue;
            }
            boolean lengthOutside = value.length() < minimum || value.length() > maximum;
            boolean restMostlyOther = restIdentifierLike * 2 < restValues;
            if (lengthOutside || restMostlyOther) {
                headerVotes++;
            } else {
                dataVotes++;
            }
        }
        return headerVotes > dataVotes;
    }

    private static boolean matchesMost(List<String> first, List<String> names, int width) {
        Set<String> normalised = new HashSet<>();
        for (String name : names) {
            normalised.add(ColumnNames.normalise(name));
        }
        int matches = 0;
        for (int column = 0; column < width; column++) {
            String value = value(first, column);
            if (value != null && !value.isBlank() && normalised.contains(ColumnNames.normalise(value))) {
                matches++;
            }
        }
        return matches > 0 && matches * 2 >= width;
    }

    private static String value(List<String> row, int column) {
        return column < row.size() ? row.get(column) : null;
    }

    private static List<String> pad(List<String> names, int width) {
        List<String> padded = new ArrayList<>(width);
        for (int column = 0; column < width; column++) {
            String name = column < names.size() ? names.get(column) : null;
            padded.add(name == null || name.isBlank() ? "col" + column : name);
        }
        return padded;
    }

    private static List<String> generated(int width) {
        return pad(List.of(), width);
    }
}
