package io.tidewater.schema.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the line separator, quote, delimiter, escape and preamble of delimited text. The delimiter is the candidate
 * that splits the most records into the same number of fields (at least two); ties go to the more common delimiter,
 * and space counts only when no other candidate splits half of the records evenly.
 */
final class DialectSniffer {
    /** In order of preference when two candidates split the sample equally well. */
    private static final char[] DELIMITERS = {',', '\t', ';', '|', '^', '~', ':', '\u0001', ' '};

    private static final int MAX_SNIFF_LINES = 500;
    private static final int MAX_PREAMBLE_LINES = 50;
    private static final double SPACE_FALLBACK_BELOW = 0.5;

    record Sniffed(
            char delimiter,
            Character quote,
            Character escape,
            LineSeparator lineSeparator,
            int preambleLines,
            int width) {}

    private DialectSniffer() {}

    static Sniffed sniff(String text, boolean truncated) {
        LineSeparator separator = lineSeparator(text);
        Character quote = quote(text);
        List<String> lines = records(text, separator, quote, truncated);
        char bestDelimiter = ',';
        double bestScore = -1;
        int bestWidth = 1;
        for (char delimiter : DELIMITERS) {
            // Space separates words inside fields too: it is the delimiter only when nothing else splits the lines
            // well.
            if (delimiter == ' ' && bestScore >= SPACE_FALLBACK_BELOW) {
                break;
            }
            int[] counts = fieldCounts(lines, delimiter, quote);
            int width = mode(counts);
            if (width < 2) {
                continue;
            }
            double score = share(counts, width);
            if (score > bestScore + 1e-9) {
                bestScore = score;
                bestDelimiter = delimiter;
                bestWidth = width;
            }
        }
        int preamble = preamble(lines, bestDelimiter, quote, bestWidth);
        Character escape = quote == null ? null : escape(text, quote, bestDelimiter);
        return new Sniffed(bestDelimiter, quote, escape, separator, preamble, bestWidth);
    }

    static LineSeparator lineSeparator(String text) {
        int crlf = 0;
        int cr = 0;
        int lf = 0;
        boolean quoted = false;
        int limit = Math.min(text.length(), 1 << 20);
        for (int index = 0; index < limit; index++) {
            char character = text.charAt(index);
            if (character == '"') {
                quoted = !quoted;
            } else if (!quoted && character == '\r') {
                if (index + 1 < text.length() && text.charAt(index + 1) == '\n') {
                    crlf++;
                    index++;
                } else {
                    cr++;
                }
            } else if (!quoted && character == '\n') {
                lf++;
            }
        }
        if (crlf >= lf && crlf >= cr && crlf > 0) {
            return LineSeparator.CRLF;
        }
        return cr > lf ? LineSeparator.CR : LineSeparator.LF;
    }

    /**
     * Splits the text into records: a line separator inside a quoted field belongs to the field, so a note with a line
     * break does not look like two short records.
     */
    private static List<String> records(String text, LineSeparator separator, Character quote, boolean truncated) {
        List<String> records = new ArrayList<>();
        String sequence = separator.sequence();
        int start = 0;
        boolean quoted = false;
        int index = 0;
        while (index < text.length() && records.size() < MAX_SNIFF_LINES) {
            char character = text.charAt(index);
            if (quote != null && character == quote) {
                quoted = !quoted;
            } else if (!quoted && text.startsWith(sequence, index)) {
                records.add(text.substring(start, index));
                index += sequence.length();
                start = index;
                continue;
            }
            index++;
        }
        // A truncated sample ends in a partial record that would skew the counts.
        if (start < text.length() && records.size() < MAX_SNIFF_LINES && !truncated && !quoted) {
            records.add(text.substring(start));
        }
        return records;
    }

    private static Character quote(String text) {
        int limit = Math.min(text.length(), 1 << 16);
        int doubles = 0;
        int singles = 0;
        for (int index = 0; index < limit; index++) {
            char character = text.charAt(index);
            if (character == '"') {
                doubles++;
            } else if (character == '\'' && (index == 0 || !Character.isLetter(text.charAt(index - 1)))) {
                // An apostrophe after a letter (O'Brien, don't) is text, not a quote.
                singles++;
            }
        }
        if (doubles > 0) {
            return '"';
        }
        return singles >= 2 ? '\'' : '"';
    }

    private static Character escape(String text, char quote, char delimiter) {
        String backslashed = "\\" + quote;
        int index = text.indexOf(backslashed);
        while (index >= 0) {
            // "\"" right before a delimiter or line end is an empty field ending in a backslash, not an escape.
            int next = index + 2;
            if (next < text.length()
                    && text.charAt(next) != delimiter
                    && text.charAt(next) != '\n'
                    && text.charAt(next) != '\r') {
                return '\\';
            }
            index = text.indexOf(backslashed, index + 2);
        }
        return quote;
    }

    private static int[] fieldCounts(List<String> lines, char delimiter, Character quote) {
        int[] counts = new int[lines.size()];
        for (int index = 0; index < lines.size(); index++) {
            counts[index] = countFields(lines.get(index), delimiter, quote);
        }
        return counts;
    }

    static int countFields(String line, char delimiter, Character quote) {
        if (line.isEmpty()) {
            return 0;
        }
        int fields = 1;
        boolean quoted = false;
        boolean fieldStart = true;
        for (int index = 0; index < line.length(); index++) {
            char character = line.charAt(index);
            if (quote != null && character == quote) {
                if (quoted && line.charAt(index - 1) == '\\') {
                    continue;
                }
                if (quoted || fieldStart) {
                    quoted = !quoted;
                    fieldStart = false;
                    continue;
                }
                if (line.charAt(index - 1) == quote) {
                    // A doubled quote closed and reopened the quoted field: an escaped quote inside it.
                    quoted = true;
                    continue;
                }
                // A quote opening mid-field: this delimiter does not split the line where its quoted fields end, as a
                // timestamp's colons would not split quoted CSV, so the line does not count for it.
                return 0;
            }
            if (!quoted && character == delimiter) {
                fields++;
                fieldStart = true;
                continue;
            }
            fieldStart = false;
        }
        return fields;
    }

    private static int mode(int[] counts) {
        Map<Integer, Integer> frequency = new HashMap<>();
        int best = 0;
        int bestFrequency = 0;
        for (int count : counts) {
            if (count == 0) {
                continue;
            }
            int seen = frequency.merge(count, 1, Integer::sum);
            if (seen > bestFrequency || (seen == bestFrequency && count > best)) {
                best = count;
                bestFrequency = seen;
            }
        }
        return best;
    }

    private static double share(int[] counts, int width) {
        int nonEmpty = 0;
        int matching = 0;
        for (int count : counts) {
            if (count > 0) {
                nonEmpty++;
                if (count == width) {
                    matching++;
                }
            }
        }
        return nonEmpty == 0 ? 0 : (double) matching / nonEmpty;
    }

    /**
     * Lines before the first line with the table's width are titles or comments, not records. A ragged record later in
     * the file must not move the start, so the first matching line wins. A spreadsheet export pads its title lines
     * with delimiters ({@code Report;;}): a leading line with the full width but text in its first field only is a
     * title too, when a line with more text follows.
     */
    private static int preamble(List<String> lines, char delimiter, Character quote, int width) {
        int limit = Math.min(lines.size(), MAX_PREAMBLE_LINES);
        int start = 0;
        while (start < limit && countFields(lines.get(start), delimiter, quote) != width) {
            start++;
        }
        if (start == limit) {
            return 0;
        }
        int padded = start;
        while (width >= 3 && padded < limit - 1 && isPaddedTitle(lines.get(padded), delimiter, quote)) {
            padded++;
        }
        boolean tableFollows = padded > start
                && countFields(lines.get(padded), delimiter, quote) == width
                && !isPaddedTitle(lines.get(padded), delimiter, quote);
        return tableFollows ? padded : start;
    }

    private static boolean isPaddedTitle(String line, char delimiter, Character quote) {
        int separator = firstDelimiter(line, delimiter, quote);
        if (separator <= 0 || line.substring(0, separator).chars().noneMatch(Character::isLetter)) {
            return false;
        }
        for (int index = separator; index < line.length(); index++) {
            char character = line.charAt(index);
            if (character != delimiter && !Character.isWhitespace(character)) {
                return false;
            }
        }
        return true;
    }

    private static int firstDelimiter(String line, char delimiter, Character quote) {
        boolean quoted = false;
        for (int index = 0; index < line.length(); index++) {
            char character = line.charAt(index);
            if (quote != null && character == quote) {
                quoted = !quoted;
            } else if (!quoted && character == delimiter) {
                return index;
            }
        }
        return -1;
    }
}
