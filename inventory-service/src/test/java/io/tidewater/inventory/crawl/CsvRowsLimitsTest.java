package io.tidewater.inventory.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.inventory.config.InventoryProperties.Limits;
import io.tidewater.inventory.manifest.InvalidReportException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The limits of {@code tidewater.inventory.limits} bind where a CSV data file is streamed for its MD5. */
class CsvRowsLimitsTest {

    private static final List<String> COLUMNS = List.of("bucket", "key", "size", "storage_class");
    private static final String URI = "s3://bucket/inventory/data/file.csv.gz";
    private static final Limits DEFAULTS = DataFileRowsTest.DEFAULT_LIMITS;

    @Test
    void gzipBombIsRefusedByItsCompressionRatio() throws IOException {
        byte[] bomb =
                gzip("\"b\",\"same-key\",\"1\",\"STANDARD\"\n".repeat(300_000).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> read(bomb, DEFAULTS))
                .isInstanceOf(InvalidReportException.class)
                .hasMessageStartingWith("Cannot read data file " + URI + ": its " + bomb.length + " bytes inflate to")
                .hasMessageContaining("a ratio above 200 (tidewater.inventory.limits.max-compression-ratio)");
    }

    @Test
    void gzipBeyondTheDecompressedSizeIsRefused() throws IOException {
        byte[] file = gzip(lines(2_000).getBytes(StandardCharsets.UTF_8));
        Limits limits = new Limits(DataSize.ofKilobytes(16), 1000, 1 << 20, 1000);

        assertThatThrownBy(() -> read(file, limits))
                .isInstanceOf(InvalidReportException.class)
                .hasMessage("Cannot read data file " + URI
                        + ": it inflates to more than 16384 bytes (tidewater.inventory.limits.max-decompressed-bytes)");
    }

    @Test
    void lineLongerThanTheLimitIsRefusedWithItsNumber() {
        String text = lines(2) + "\"b\",\"" + "k".repeat(5000) + "\",\"1\",\"STANDARD\"\n";
        Limits limits = new Limits(DataSize.ofGigabytes(1), 200, 4096, 1000);

        assertThatThrownBy(() -> read(text.getBytes(StandardCharsets.UTF_8), limits))
                .isInstanceOf(InvalidReportException.class)
                .hasMessage("Cannot read data file " + URI
                        + ": line 3 is longer than 4096 characters (tidewater.inventory.limits.max-line-chars)");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] text = (lines(3) + "\"b\",\"caf\u00e9\",\"1\",\"STANDARD\"\n").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> read(text, DEFAULTS))
                .isInstanceOf(InvalidReportException.class)
                .hasMessageStartingWith("Cannot read data file " + URI + ": it is not valid UTF-8 after line");
    }

    @Test
    void byteOrderMarkIsRefused() {
        byte[] text = ("\ufeff" + lines(2)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> read(text, DEFAULTS))
                .isInstanceOf(InvalidReportException.class)
                .hasMessage("Cannot read data file " + URI
                        + ": it starts with a UTF-8 byte-order mark, which S3 Inventory never writes");
    }

    @Test
    void malformedLinesAreReadButLeftOutOfTheInsights() throws IOException {
        String text = lines(2) + "\"b\",\"short\"\n" + "\"b\",\"bad-size\",\"many\",\"STANDARD\"\n" + lines(1);
        InsightCounter counter = new InsightCounter(new HashSet<>(COLUMNS));

        long rows = read(text.getBytes(StandardCharsets.UTF_8), DEFAULTS, counter);

        assertThat(rows).isEqualTo(5);
        assertThat(counter.insights().objects()).isEqualTo(3);
    }

    @Test
    void unterminatedQuoteRefusesTheFileNamingTheRecord() {
        String text = lines(2) + "\"b\",\"unterminated,\"1\",\"STANDARD\"\n" + lines(1);

        assertThatThrownBy(() -> read(text.getBytes(StandardCharsets.UTF_8), DEFAULTS))
                .isInstanceOf(InvalidReportException.class)
                .hasMessageStartingWith("Cannot read data file " + URI + ": record 3 does not parse: ");
    }

    @Test
    void carriageReturnsAloneOrMixedEndLinesAsLineFeedsDo() throws IOException {
        String text = lines(3).replace("\n", "\r") + lines(2).replace("\n", "\r\n") + lines(1);
        InsightCounter counter = new InsightCounter(new HashSet<>(COLUMNS));

        long rows = read(text.getBytes(StandardCharsets.UTF_8), DEFAULTS, counter);

        assertThat(rows).isEqualTo(6);
        assertThat(counter.insights().objects()).isEqualTo(6);
        assertThat(counter.insights().bytes()).isEqualTo(6);
    }

    private static long read(byte[] file, Limits limits) throws IOException {
        return read(file, limits, new InsightCounter(new HashSet<>(COLUMNS)));
    }

    private static long read(byte[] file, Limits limits, InsightCounter counter) throws IOException {
        return ReportScanner.CsvRows.read(
                new ByteArrayInputStream(file),
                URI,
                file.length,
                new ReportScanner.Layout("CSV", COLUMNS, false),
                limits,
                counter);
    }

    private static String lines(int count) {
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < count; line++) {
            text.append("\"b\",\"key-").append(line).append("\",\"1\",\"STANDARD\"\n");
        }
        return text.toString();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
