package io.tidewater.schema.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the line separator, quote, delimiter, escape and preamble of delimited text. The delimiter is the candidate
 * that splits the most lines into the same number of fields (at least two); ties go to the more common delimiter.
 */
final class DialectSniffer {
    /** In order of preference when two candidates split the sample equally well. */
    private static final char[] DELIMITERS = {',', '\t', ';', '|', '^', '~', ':', '\u0001', ' '};

    private static final int MAX_SNIFF_LINES = 500;
    private static final int MAX_PREAMBLE_LINES = 50;

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
        List<String> lines = lines(text, separator, truncated);
        Character quote = quote(text);
        char bestDelimiter = ',';
        double bestScore = -1;
        int bestWidth = 1;
        for (char delimiter : DELIMITERS) {
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
        int[] counts = fieldCounts(lines, bestDelimiter, quote);
        int preamble = preamble(counts, bestWidth);
        Character escape = quote == null ? null : escape(text, quote);
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

    private static List<String> lines(String text, LineSeparator separator, boolean truncated) {
        List<String> lines = new ArrayList<>();
        String sequence = separator.sequence();
        int start = 0;
        while (start < text.length() && lines.size() < MAX_SNIFF_LINES) {
            int end = text.indexOf(sequence, start);
            if (end < 0) {
                // A truncated sample ends in a partial line that would skew the counts.
                if (!truncated) {
                    lines.add(text.substring(start));
                }
                break;
            }
            lines.add(text.substring(start, end));
            start = end + sequence.length();
        }
        return lines;
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

    private static Character escape(String text, char quote) {
        String backslashed = "\\" + quote;
        int index = text.indexOf(backslashed);
        while (index >= 0) {
            // "\"" right before a delimiter or line end is an empty field ending in a backslash, not an escape.
            int next = index + 2;
            if (next < text.length()
                    && text.charAt(next) != ','
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
            if (quote != null && character == quote && (quoted || fieldStart)) {
                quoted = !quoted;
                fieldStart = false;
                continue;
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
     * the file must not move the start, so the first matching line wins.
     */
    private static int preamble(int[] counts, int width) {
        int limit = Math.min(counts.length, MAX_PREAMBLE_LINES);
        for (int start = 0; start < limit; start++) {
            if (counts[start] == width) {
                return start;
            }
        }
        return 0;
    }
}
