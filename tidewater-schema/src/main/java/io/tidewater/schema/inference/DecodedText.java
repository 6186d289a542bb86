package io.tidewater.schema.inference;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Sample text after encoding detection: a byte-order mark wins, then strict UTF-8, then Latin-1. */
record DecodedText(String text, Charset charset, boolean byteOrderMark, List<String> warnings) {
    static DecodedText decode(Sample sample, String source) {
        byte[] bytes = sample.bytes();
        List<String> warnings = new ArrayList<>();
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            return new DecodedText(
                    new String(bytes, 3, usableLength(sample, 3), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8,
                    true,
                    warnings);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
            return new DecodedText(
                    new String(bytes, 2, evenLength(bytes.length - 2), StandardCharsets.UTF_16LE),
                    StandardCharsets.UTF_16LE,
                    true,
                    warnings);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
            return new DecodedText(
                    new String(bytes, 2, evenLength(bytes.length - 2), StandardCharsets.UTF_16BE),
                    StandardCharsets.UTF_16BE,
                    true,
                    warnings);
        }
        int length = usableLength(sample, 0);
        CharsetDecoder strict = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = strict.decode(ByteBuffer.wrap(bytes, 0, length));
            return new DecodedText(chars.toString(), StandardCharsets.UTF_8, false, warnings);
        } catch (CharacterCodingException e) {
            warnings.add("Cannot decode %s as UTF-8: read it as ISO-8859-1 instead".formatted(source));
            return new DecodedText(
                    new String(bytes, 0, length, StandardCharsets.ISO_8859_1),
                    StandardCharsets.ISO_8859_1,
                    false,
                    warnings);
        }
    }

    /** A truncated sample may end inside a multi-byte character: cut it after the last line break. */
    private static int usableLength(Sample sample, int offset) {
        byte[] bytes = sample.bytes();
        if (!sample.truncated()) {
            return bytes.length - offset;
        }
        for (int index = bytes.length - 1; index >= offset; index--) {
            if (bytes[index] == '\n' || bytes[index] == '\r') {
                return index + 1 - offset;
            }
        }
        return bytes.length - offset;
    }

    private static int evenLength(int length) {
        return length - (length % 2);
    }
}
