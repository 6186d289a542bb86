package io.tidewater.inventory.crawl;

import io.tidewater.inventory.manifest.InvalidReportException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a data file, strictly UTF-8, refused at the first line longer than the limit: an endless line stops
 * after the limit instead of filling the heap. A line ends at LF or CR, as it does for the loader's Spark reader.
 */
final class LineLengthLimit extends FilterReader {

    private final String uri;
    private final int maxChars;
    private int lineChars;
    private long lines;

    LineLengthLimit(InputStream in, String uri, int maxChars) {
        // S3 Inventory writes UTF-8; a byte that is not is a broken file, not text to guess at.
        super(new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
        this.uri = uri;
        this.maxChars = maxChars;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read;
        try {
            read = super.read(buffer, offset, length);
        } catch (CharacterCodingException e) {
            throw new InvalidReportException(
                    "Cannot read data file %s: it is not valid UTF-8 after line %d".formatted(uri, lines), e);
        }
        for (int index = offset; index < offset + read; index++) {
            char character = buffer[index];
            if (character == '\n' || character == '\r') {
                lines++;
                lineChars = 0;
            } else if (++lineChars > maxChars) {
                throw new InvalidReportException(
                        "Cannot read data file %s: line %d is longer than %d characters (tidewater.inventory.limits.max-line-chars)"
                                .formatted(uri, lines + 1, maxChars));
            }
        }
        return read;
    }
}
