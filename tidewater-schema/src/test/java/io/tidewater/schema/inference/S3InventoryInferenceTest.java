package io.tidewater.schema.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.contract.S3InventoryField;
import java.util.EnumSet;
import java.util.List;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class S3InventoryInferenceTest {
    private static final String FILE_SCHEMA = S3InventoryField.fileSchema(
            List.copyOf(EnumSet.range(S3InventoryField.BUCKET, S3InventoryField.CHECKSUM_ALGORITHM)));

    @Test
    void detectsMissingHeaderAndTypesOfHeaderlessInventoryWithoutManifest() {
        CrawlResult result =
                SchemaCrawler.crawl(TestFiles.sample("orcabus/csv_inventory.csv.gz"), CrawlOptions.defaults());

        assertThat(result.format()).isEqualTo(FileFormat.CSV);
        assertThat(result.header()).isFalse();
        assertThat(result.headerEvidence()).isEqualTo(HeaderEvidence.TYPE_PROFILE);
        assertThat(result.columns()).hasSize(18);
        assertThat(result.columns().get(3).type()).as("is_latest").isEqualTo(Types.BooleanType.get());
        assertThat(result.columns().get(4).type()).as("is_delete_marker").isEqualTo(Types.BooleanType.get());
        assertThat(result.columns().get(5).type()).as("size").isEqualTo(Types.LongType.get());
        assertThat(result.columns().get(5).nullable())
                .as("size of a delete marker is empty")
                .isTrue();
        assertThat(result.columns().get(6).type()).as("last_modified_date").isEqualTo(Types.TimestampType.withZone());
        assertThat(result.columns().get(0).type()).as("bucket").isEqualTo(Types.StringType.get());
        assertThat(result.columns().get(0).name()).isEqualTo("col0");
        assertThat(result.sampledRows()).isEqualTo(5);
    }

    @Test
    void readsTheDialectOfTheInventory() {
        CrawlResult result =
                SchemaCrawler.crawl(TestFiles.sample("orcabus/csv_inventory.csv.gz"), CrawlOptions.defaults());

        assertThat(result.dialect()).isEqualTo(new CsvDialect(',', '"', '"', LineSeparator.LF, 0, "UTF-8", false));
    }

    @Test
    void namesColumnsFromTheManifestFileSchema() {
        CrawlResult result = SchemaCrawler.crawl(
                TestFiles.sample("orcabus/csv_inventory.csv.gz"),
                CrawlOptions.defaults().withKnownColumns(FILE_SCHEMA));

        assertThat(result.header()).isFalse();
        assertThat(result.headerEvidence()).isEqualTo(HeaderEvidence.CALLER_COLUMNS);
        assertThat(result.columns())
                .extracting(InferredColumn::name)
                .startsWith(
                        "bucket",
                        "key",
                        "version_id",
                        "is_latest",
                        "is_delete_marker",
                        "size",
                        "last_modified_date",
                        "e_tag")
                .endsWith("bucket_key_status", "checksum_algorithm");
        assertThat(result.columns().get(3).sourceName()).isEqualTo("IsLatest");
        assertThat(result.toSchema().findField("is_latest").type()).isEqualTo(Types.BooleanType.get());
        assertThat(result.toSchema().findField("size").type()).isEqualTo(Types.LongType.get());
    }

    @Test
    void infersTheInventoryWithoutVersionFields() {
        CrawlResult result = SchemaCrawler.crawl(
                TestFiles.sample("orcabus/csv_inventory_no_version.csv.gz"), CrawlOptions.defaults());

        assertThat(result.header()).isFalse();
        assertThat(result.columns()).hasSize(15);
        assertThat(result.columns())
                .extracting(InferredColumn::type)
                .startsWith(
                        Types.StringType.get(),
                        Types.StringType.get(),
                        Types.LongType.get(),
                        Types.TimestampType.withZone());
    }

    @Test
    void findsTheHeaderOfACostAndUsageReport() {
        CrawlResult result = SchemaCrawler.crawl(TestFiles.sample("koku/2023-06-01.csv"), CrawlOptions.defaults());

        assertThat(result.header()).isTrue();
        assertThat(result.columns())
                .extracting(InferredColumn::name)
                .contains("bill_bill_type", "line_item_unblended_cost", "identity_line_item_id");
        assertThat(result.toSchema().findField("line_item_unblended_cost").type())
                .as("the sample holds whole numbers only")
                .isEqualTo(Types.LongType.get());
        assertThat(result.toSchema().findField("line_item_usage_start_date").type())
                .as("koku writes '2023-06-01 00:00:00' without a zone")
                .isEqualTo(Types.TimestampType.withoutZone());
        assertThat(List.of(result.headerEvidence()))
                .containsAnyOf(HeaderEvidence.TYPE_PROFILE, HeaderEvidence.KNOWN_NAMES);
    }

    @Test
    void findsTheHeaderOfTheFocusConverterExportAndKeepsToTheSampleLimit() {
        CrawlResult result = SchemaCrawler.crawl(
                TestFiles.sample("focus/sample-anonymous-aws-export-dataset.csv"),
                CrawlOptions.defaults().withSampleBytes(64 * 1024));

        assertThat(result.header()).isTrue();
        assertThat(result.columns()).hasSize(94);
        assertThat(result.sampleTruncated()).isTrue();
        assertThat(result.columns()).extracting(InferredColumn::name).contains("line_item_unblended_cost");
    }
}
