package io.tidewater.schema.inference;

import static java.util.Objects.requireNonNull;

import io.tidewater.schema.InvalidInputException;
import io.tidewater.schema.RetryableSchemaException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * Infers the schema of one data file from a bounded sample, as a Glue crawler would but without its blind spots:
 * headerless all-string CSV files, CR-only line ends, preambles, Latin-1 text.
 *
 * <p>CSV and JSON Lines (gzip or plain) are read from the start up to {@link CrawlOptions#sampleBytes()} bytes after
 * decompression, so the cost does not grow with the file. Parquet and ORC schemas come from the file footer alone,
 * which needs random access: a {@link Path} or a {@link SeekableSource}.
 */
public final class SchemaCrawler {
    private SchemaCrawler() {}

    /**
     * Crawls a local file.
     *
     * @param file the file to sample, not null
     * @param options sampling limits and what the caller already knows, not null
     * @return what was inferred
     * @throws InvalidInputException when the file is missing, empty, binary, corrupt or not in a supported format: do
     *     not retry, quarantine it
     * @throws RetryableSchemaException when reading failed for a reason that may pass (I/O error)
     */
    public static CrawlResult crawl(Path file, CrawlOptions options) {
        requireNonNull(file, "file is null");
        requireNonNull(options, "options is null");
        try (SeekableSource source = SeekableSource.of(file)) {
            return crawl(source, options);
        } catch (IOException e) {
            throw translate(file.toString(), e);
        }
    }

    /**
     * Crawls a file with random access. Parquet and ORC are read from the tail only (the footer, usually in one read of
     * the last 64 KiB); CSV and JSON Lines are read from the start up to the sample size. The source is not closed.
     *
     * @param source the file, not null
     * @param options sampling limits and what the caller already knows, not null
     * @return what was inferred
     * @throws InvalidInputException when the file is empty, binary, corrupt (including a Parquet or ORC footer that
     *     cannot be read or claims impossible row counts) or not in a supported format: do not retry, quarantine it
     * @throws RetryableSchemaException when reading failed for a reason that may pass (I/O error)
     */
    public static CrawlResult crawl(SeekableSource source, CrawlOptions options) {
        requireNonNull(source, "source is null");
        requireNonNull(options, "options is null");
        try {
            byte[] magic = new byte[4];
            int read = (int) Math.min(magic.length, source.length());
            source.readFully(0, magic, 0, read);
            if (isParquet(magic, read) || options.formatHint() == FileFormat.PARQUET) {
                return ParquetFooter.crawl(source);
            }
            if (isOrc(magic, read) || options.formatHint() == FileFormat.ORC) {
                return OrcFooter.crawl(source);
            }
            return crawlText(new SourceStream(source), source.name(), options);
        } catch (IOException e) {
            throw translate(source.name(), e);
        }
    }

    /**
     * Crawls a stream of CSV or JSON Lines, plain or gzip. The stream is read no further than the sample needs and is
     * not closed.
     *
     * @param stream the content, not null
     * @param source the name to use in results and messages, such as the S3 key, not null
     * @param options sampling limits and what the caller already knows, not null
     * @return what was inferred
     * @throws InvalidInputException when the content is empty, binary, corrupt, or Parquet or ORC (which need a file)
     * @throws RetryableSchemaException when reading failed for a reason that may pass (I/O error)
     */
    public static CrawlResult crawl(InputStream stream, String source, CrawlOptions options) {
        requireNonNull(stream, "stream is null");
        requireNonNull(source, "source is null");
        requireNonNull(options, "options is null");
        try {
            return crawlText(stream, source, options);
        } catch (IOException e) {
            throw translate(source, e);
        }
    }

    private static CrawlResult crawlText(InputStream stream, String source, CrawlOptions options) throws IOException {
        Sample sample = Sample.read(stream, options.sampleBytes());
        if (sample.bytes().length == 0) {
            throw new InvalidInputException("Cannot infer schema of %s: it is empty".formatted(source));
        }
        if (!sample.gzip() && (sample.startsWith("PAR1") || sample.startsWith("ORC"))) {
            throw new InvalidInputException(
                    "Cannot infer schema of %s from a stream: Parquet and ORC keep the schema in the footer, crawl the file by path"
                            .formatted(source));
        }
        DecodedText decoded = DecodedText.decode(sample, source);
        if (decoded.charset().name().startsWith("UTF-16") == false
                && decoded.text().indexOf('\0') >= 0) {
            throw new InvalidInputException(
                    "Cannot infer schema of %s: binary content that is not gzip, Parquet or ORC".formatted(source));
        }
        FileFormat format = options.formatHint() != null ? options.formatHint() : textFormat(decoded.text());
        return switch (format) {
            case JSON_LINES -> new JsonLinesInference(options).infer(source, sample, decoded);
            case CSV -> new CsvInference(options).infer(source, sample, decoded);
            case PARQUET, ORC ->
                throw new InvalidInputException(
                        "Cannot infer schema of %s from a stream: %s keeps the schema in the footer, crawl the file by path"
                                .formatted(source, format));
        };
    }

    private static FileFormat textFormat(String text) {
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (!Character.isWhitespace(character)) {
                return character == '{' ? FileFormat.JSON_LINES : FileFormat.CSV;
            }
        }
        return FileFormat.CSV;
    }

    private static boolean isParquet(byte[] magic, int read) {
        return read == 4 && magic[0] == 'P' && magic[1] == 'A' && magic[2] == 'R' && magic[3] == '1';
    }

    private static boolean isOrc(byte[] magic, int read) {
        return read >= 3 && magic[0] == 'O' && magic[1] == 'R' && magic[2] == 'C';
    }

    static RuntimeException translate(String source, IOException e) {
        if (e instanceof NoSuchFileException || e instanceof AccessDeniedException) {
            return new InvalidInputException("Cannot read %s: %s".formatted(source, e), e);
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            return new InvalidInputException("Cannot decompress %s: %s".formatted(source, e.getMessage()), e);
        }
        return new RetryableSchemaException("Cannot read %s: %s".formatted(source, e), e);
    }
}
