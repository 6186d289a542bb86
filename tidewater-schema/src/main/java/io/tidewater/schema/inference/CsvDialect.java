package io.tidewater.schema.inference;

import static java.util.Objects.requireNonNull;

/**
 * How a delimited text file is written.
 *
 * @param delimiter the field separator
 * @param quote the quote character, or {@code null} when fields are never quoted
 * @param escape the character that escapes a quote inside a quoted field: the quote itself for RFC 4180 doubling,
 *     {@code \} for backslash escaping, or {@code null} when there is no quote
 * @param lineSeparator how records end
 * @param preambleLines lines before the first record (titles, comments) that are not part of the table
 * @param encoding the character set name, such as {@code UTF-8} or {@code ISO-8859-1}
 * @param byteOrderMark whether the file starts with a byte-order mark
 */
public record CsvDialect(
        char delimiter,
        Character quote,
        Character escape,
        LineSeparator lineSeparator,
        int preambleLines,
        String encoding,
        boolean byteOrderMark) {
    public CsvDialect {
        requireNonNull(lineSeparator, "lineSeparator is null");
        requireNonNull(encoding, "encoding is null");
        if (preambleLines < 0) {
            throw new IllegalArgumentException("Cannot create dialect: preambleLines is negative: " + preambleLines);
        }
    }
}
