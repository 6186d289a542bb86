package io.tidewater.schema.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewater.schema.cli.InferenceReport.Style;
import io.tidewater.schema.inference.CrawlOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceReportTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int infer(Style style, CrawlOptions options, Path... paths) {
        return InferenceReport.print(
                List.of(paths), options, style, new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }

    private int infer(Style style, Path... paths) {
        return infer(style, CrawlOptions.defaults(), paths);
    }

    private List<JsonNode> lines() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            nodes.add(mapper.readTree(line));
        }
        return nodes;
    }

    private static Path sample(String relative) throws URISyntaxException {
        return Path.of(
                InferenceReportTest.class.getResource("/samples/" + relative).toURI());
    }

    @Test
    void printsOneJsonLinePerFileWithTheManifestNames() throws Exception {
        int exit = infer(
                Style.JSON,
                CrawlOptions.defaults()
                        .withKnownColumns(
                                "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag, StorageClass,"
                                        + " IsMultipartUploaded, ReplicationStatus, EncryptionStatus, ObjectLockRetainUntilDate,"
                                        + " ObjectLockMode, ObjectLockLegalHoldStatus, IntelligentTieringAccessTier, BucketKeyStatus,"
                                        + " ChecksumAlgorithm"),
                sample("orcabus/csv_inventory.csv.gz"));

        assertThat(exit).isZero();
        JsonNode line = lines().get(0);
        assertThat(line.get("format").asText()).isEqualTo("csv");
        assertThat(line.get("delimiter").asText()).isEqualTo(",");
        assertThat(line.get("quote").asText()).isEqualTo("\"");
        assertThat(line.get("escape").asText()).isEqualTo("\"");
        assertThat(line.get("lineSeparator").asText()).isEqualTo("LF");
        assertThat(line.get("header").asBoolean()).isFalse();
        assertThat(line.get("headerEvidence").asText()).isEqualTo("CALLER_COLUMNS");
        assertThat(line.get("columns")).hasSize(18);
        assertThat(line.get("columns").get(5).get("name").asText()).isEqualTo("size");
        assertThat(line.get("columns").get(5).get("type").asText()).isEqualTo("long");
        assertThat(line.get("columns").get(6).get("type").asText()).isEqualTo("timestamptz");
        assertThat(line.get("columns").get(3).get("nullable").asBoolean()).isFalse();
    }

    @Test
    void walksDirectoriesReportsUnreadableFilesAndExitsWithOne(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("a.csv"), "id,name\n1,x\n2,y\n");
        Files.createDirectories(directory.resolve("nested"));
        Files.writeString(directory.resolve("nested/b.jsonl"), "{\"id\": 1, \"tags\": {\"user:Team\": \"a\"}}\n");
        Files.write(directory.resolve("nested/c.bin"), new byte[0]);

        int exit = infer(Style.JSON, directory);

        assertThat(exit).isEqualTo(1);
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("header").asBoolean()).isTrue();
        assertThat(lines.get(1).get("format").asText()).isEqualTo("json_lines");
        assertThat(lines.get(1).get("columns").get(1).get("type").asText()).isEqualTo("map<string, string>");
        assertThat(lines.get(2).get("error").asText())
                .isEqualTo("Cannot infer schema of %s: it is empty".formatted(directory.resolve("nested/c.bin")));
    }

    @Test
    void printsAReadableTableWithoutJson(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("costs.csv");
        Files.writeString(file, "lineItem/UnblendedCost;lineItem/UsageStartDate\n0.5;2024-10-01 00:00:00\n");

        assertThat(infer(Style.TABLE, file)).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("delimiter: ;")
                .contains("header: true")
                .containsPattern("line_item_unblended_cost\\s+double")
                .containsPattern("line_item_usage_start_date\\s+timestamp\\s");
    }

    @Test
    void reportsParquetAndOrcColumnsFromTheirFooters() throws Exception {
        int exit = infer(Style.JSON, sample("orcabus/parquet_inventory.parquet"), sample("orcabus/orc_inventory.orc"));

        assertThat(exit).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("format").asText()).isEqualTo("parquet");
        assertThat(lines.get(0).get("columns")).hasSize(18);
        assertThat(lines.get(0).get("columns").get(6).get("type").asText()).isEqualTo("timestamptz");
        assertThat(lines.get(0).get("delimiter").isNull()).isTrue();
        assertThat(lines.get(1).get("format").asText()).isEqualTo("orc");
        assertThat(lines.get(1).get("columns")).hasSize(18);
        assertThat(lines.get(1).get("columns").get(5).get("type").asText()).isEqualTo("long");
    }

    @Test
    void printsAParquetTableWithoutJson() throws Exception {
        int exit = infer(Style.TABLE, sample("orcabus/parquet_inventory.parquet"));

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("format: PARQUET")
                .contains("header: false (NOT_APPLICABLE)")
                .containsPattern("last_modified_date\\s+timestamptz");
    }
}
