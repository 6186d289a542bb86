package io.tidewater.contract;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How to read delimited text: the dialect the crawl found, so the loader never infers anything itself.
 *
 * @param delimiter the field delimiter
 * @param quote the quote character
 * @param escape the escape character inside quoted fields
 * @param header whether the first line of each file is a header
 * @param nullTokens the field values that mean NULL (an empty field always does)
 * @param compression {@code gzip} or {@code none}
 */
public record ReaderOptions(
        char delimiter, char quote, char escape, boolean header, List<String> nullTokens, String compression) {

    public ReaderOptions {
        requireNonNull(nullTokens, "nullTokens is null");
        requireNonNull(compression, "compression is null");
        nullTokens = List.copyOf(nullTokens);
    }

    /** The same dialect with other null tokens. */
    public ReaderOptions withNullTokens(List<String> tokens) {
        return new ReaderOptions(delimiter, quote, escape, header, tokens, compression);
    }

    /** The dialect of S3 Inventory CSV reports: every field double-quoted, no header, gzip. */
    public static ReaderOptions s3InventoryCsv() {
        return new ReaderOptions(',', '"', '"', false, List.of(), "gzip");
    }
}
