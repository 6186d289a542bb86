package io.tidewater.inventory.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.inventory.config.InventoryProperties.Limits;
import io.tidewater.inventory.insight.InventoryInsights;
import io.tidewater.inventory.insight.InventoryInsights.StorageClassTotals;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The real OrcaBus inventory samples counted row by row, against figures worked out here without commons-csv. */
class DataFileRowsTest {

    private static final List<String> CSV_COLUMNS = List.of(
            "bucket",
            "key",
            "version_id",
            "is_latest",
            "is_delete_marker",
            "size",
            "last_modified_date",
            "e_tag",
            "storage_class",
            "is_multipart_uploaded",
            "replication_status",
            "encryption_status",
            "object_lock_retain_until_date",
            "object_lock_mode",
            "object_lock_legal_hold_status",
            "intelligent_tiering_access_tier",
            "bucket_key_status",
            "checksum_algorithm");

    @TempDir
    Path directory;

    @Test
    void csvFiguresEqualAPlainCountOfTheLines() throws IOException {
        InsightCounter counter = new InsightCounter(new HashSet<>(CSV_COLUMNS));

        long rows = csvRows("csv_inventory.csv.gz", CSV_COLUMNS, counter);

        List<List<String>> lines = plainLines("csv_inventory.csv.gz");
        int deleteMarker = CSV_COLUMNS.indexOf("is_delete_marker");
        int latest = CSV_COLUMNS.indexOf("is_latest");
        int size = CSV_COLUMNS.indexOf("size");
        List<List<String>> objects = lines.stream()
                .filter(line -> !line.get(deleteMarker).equals("true"))
                .toList();
        long bytes = objects.stream()
                .mapToLong(line -> Long.parseLong(line.get(size)))
                .sum();
        List<List<String>> noncurrent = objects.stream()
                .filter(line -> line.get(latest).equals("false"))
                .toList();
        InventoryInsights insights = counter.insights();
        assertThat(rows).isEqualTo(lines.size()).isEqualTo(5);
        assertThat(insights.objects()).isEqualTo(objects.size());
        assertThat(insights.bytes()).isEqualTo(bytes);
        assertThat(insights.byStorageClass())
                .isEqualTo(Map.of("STANDARD", new StorageClassTotals(objects.size(), bytes)));
        assertThat(insights.deleteMarkers()).isEqualTo(lines.size() - objects.size());
        assertThat(insights.noncurrentVersions()).isEqualTo(noncurrent.size());
        assertThat(insights.noncurrentBytes())
                .isEqualTo(noncurrent.stream()
                        .mapToLong(line -> Long.parseLong(line.get(size)))
                        .sum());
        assertThat(insights.notEncrypted()).isZero();
        assertThat(insights.withoutChecksumAlgorithm()).isEqualTo(objects.size());
    }

    @Test
    void csvWithoutVersionFieldsLeavesVersionFiguresUnknown() throws IOException {
        List<String> columns = CSV_COLUMNS.stream()
                .filter(name ->
                        !List.of("version_id", "is_latest", "is_delete_marker").contains(name))
                .toList();
        InsightCounter counter = new InsightCounter(new HashSet<>(columns));

        csvRows("csv_inventory_no_version.csv.gz", columns, counter);

        InventoryInsights insights = counter.insights();
        assertThat(insights.objects()).isEqualTo(2);
        assertThat(insights.bytes()).isEqualTo(5);
        assertThat(insights.deleteMarkers()).isNull();
        assertThat(insights.noncurrentVersions()).isNull();
        assertThat(insights.noncurrentBytes()).isNull();
    }

    @Test
    void orcAndParquetSamplesOfTheSameObjectsGiveTheCsvFigures() throws IOException {
        InsightCounter csv = new InsightCounter(new HashSet<>(CSV_COLUMNS));
        csvRows("csv_inventory.csv.gz", CSV_COLUMNS, csv);
        InsightCounter orc = new InsightCounter(new HashSet<>(CSV_COLUMNS));
        InsightCounter parquet = new InsightCounter(new HashSet<>(CSV_COLUMNS));

        long orcRows = ColumnarRows.orc(copy("orc_inventory.orc"), orc);
        long parquetRows = ColumnarRows.parquet(copy("parquet_inventory.parquet"), parquet);

        assertThat(orcRows).isPositive();
        assertThat(parquetRows).isPositive();
        assertThat(orc.insights().rows()).isEqualTo(orcRows);
        assertThat(parquet.insights().rows()).isEqualTo(parquetRows);
        assertThat(orc.insights()).isEqualTo(csv.insights());
        assertThat(parquet.insights()).isEqualTo(csv.insights());
    }

    static final Limits DEFAULT_LIMITS = new Limits(DataSize.ofGigabytes(16), 200, 1 << 20, 1000);

    private long csvRows(String name, List<String> columns, InsightCounter counter) throws IOException {
        byte[] file;
        try (InputStream in = resource(name)) {
            file = in.readAllBytes();
        }
        return ReportScanner.CsvRows.read(
                new java.io.ByteArrayInputStream(file),
                name,
                file.length,
                new ReportScanner.Layout("CSV", columns, false),
                DEFAULT_LIMITS,
                counter);
    }

    private InputStream resource(String name) {
        return DataFileRowsTest.class.getResourceAsStream("/samples/" + name);
    }

    private Path copy(String name) throws IOException {
        Path file = directory.resolve(name);
        try (InputStream in = resource(name)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** Every field of these files is quoted and none holds a comma or quote, so splitting is exact here. */
    private List<List<String>> plainLines(String name) throws IOException {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(resource(name)), StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(line -> Arrays.stream(
                                    line.substring(1, line.length() - 1).split("\",\"", -1))
                            .toList())
                    .toList();
        }
    }
}
