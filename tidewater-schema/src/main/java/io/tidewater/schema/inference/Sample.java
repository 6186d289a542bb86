package io.tidewater.schema.inference;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** The first bytes of a file after decompression; never more than the configured limit. */
record Sample(byte[] bytes, boolean truncated, boolean gzip) {
    static Sample read(InputStream raw, int limit) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 64 * 1024);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        boolean gzip = first == 0x1f && second == 0x8b;
        // Gzip is streamed: only as much is inflated as the sample needs.
        InputStream content = gzip ? new GZIPInputStream(buffered, 64 * 1024) : buffered;
        byte[] bytes = content.readNBytes(limit);
        boolean truncated = bytes.length == limit && content.read() != -1;
        return new Sample(bytes, truncated, gzip);
    }

    boolean startsWith(String magic) {
        if (bytes.length < magic.length()) {
            return false;
        }
        for (int index = 0; index < magic.length(); index++) {
            if (bytes[index] != (byte) magic.charAt(index)) {
                return false;
            }
        }
        return true;
    }
}
