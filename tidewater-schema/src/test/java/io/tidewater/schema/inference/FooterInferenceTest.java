package io.tidewater.schema.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.schema.InvalidInputException;
import io.tidewater.schema.inference.fixtures.FooterFiles;
import io.tidewater.schema.types.TypeStrings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FooterInferenceTest {
    private static final Path PARQUET_INVENTORY = TestFiles.sample("orcabus/parquet_inventory.parquet");
    private static final Path ORC_INVENTORY = TestFiles.sample("orcabus/orc_inventory.orc");

    @TempDir
    Path directory;

    private static CrawlResult crawl(Path file) {
        return SchemaCrawler.crawl(file, CrawlOptions.defaults());
    }

    private static InferredColumn column(CrawlResult result, String name) {
        return result.columns().stream()
                .filter(column -> column.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static String onlyColumnType(CrawlResult result) {
        assertThat(result.columns()).hasSize(1);
        return TypeStrings.format(result.columns().get(0).type());
    }

    @Nested
    class Parquet {
        @Test
        void readsTheInventoryColumnsWithIcebergTypesFromTheFooter() {
            CrawlResult result = crawl(PARQUET_INVENTORY);

            assertThat(result.format()).isEqualTo(FileFormat.PARQUET);
            assertThat(result.columns()).hasSize(18);
            assertThat(result.header()).isFalse();
            assertThat(result.headerEvidence()).isEqualTo(HeaderEvidence.NOT_APPLICABLE);
            assertThat(result.dialect()).isNull();
            assertThat(result.sampledRows()).as("no row is read").isZero();
            assertThat(column(result, "bucket").type()).isEqualTo(Types.StringType.get());
            assertThat(column(result, "bucket").nullable())
                    .as("declared required")
                    .isFalse();
            assertThat(column(result, "key").type()).isEqualTo(Types.StringType.get());
            assertThat(column(result, "key").nullable()).as("declared required").isFalse();
            assertThat(column(result, "size").type()).isEqualTo(Types.LongType.get());
            assertThat(column(result, "size").nullable()).isTrue();
            assertThat(column(result, "last_modified_date").type()).isEqualTo(Types.TimestampType.withZone());
            assertThat(column(result, "is_latest").type()).isEqualTo(Types.BooleanType.get());
            assertThat(result.columns()).allSatisfy(column -> {
                assertThat(column.confidence()).isEqualTo(1.0);
                assertThat(column.sourceName()).isEqualTo(column.name());
            });
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "required boolean c               | boolean",
                    "required int32 c                 | int",
                    "required int32 c (INTEGER(16,true)) | int",
                    "required int32 c (INTEGER(32,false)) | long",
                    "required int32 c (DATE)          | date",
                    "required int32 c (DECIMAL(9,2))  | decimal(9,2)",
                    "required int64 c                 | long",
                    "required int64 c (INTEGER(64,false)) | decimal(20,0)",
                    "required int64 c (DECIMAL(18,4)) | decimal(18,4)",
                    "required int64 c (TIMESTAMP(MILLIS,true)) | timestamptz",
                    "required int64 c (TIMESTAMP(MICROS,true)) | timestamptz",
                    "required int64 c (TIMESTAMP(MILLIS,false)) | timestamp",
                    "required int64 c (TIMESTAMP(MICROS,false)) | timestamp",
                    "required int64 c (TIME(MICROS,false)) | time",
                    "required int96 c                 | timestamptz",
                    "required float c                 | float",
                    "required double c                | double",
                    "required binary c                | binary",
                    "required binary c (STRING)       | string",
                    "required binary c (ENUM)         | string",
                    "required binary c (JSON)         | string",
                    "required binary c (DECIMAL(38,10)) | decimal(38,10)",
                    "required fixed_len_byte_array(16) c (UUID) | uuid",
                    "required fixed_len_byte_array(7) c | fixed[7]",
                    "required fixed_len_byte_array(5) c (DECIMAL(10,3)) | decimal(10,3)",
                })
        void mapsPrimitiveTypesAndAnnotationsToIcebergTypes(String field, String icebergType) {
            Path file = FooterFiles.emptyParquet(directory.resolve("one.parquet"), "message m { " + field + "; }");

            assertThat(onlyColumnType(crawl(file))).isEqualTo(icebergType);
        }

        @Test
        void mapsNestedGroupsToStructsListsAndMaps() {
            Path file = FooterFiles.emptyParquet(
                    directory.resolve("nested.parquet"),
                    """
                    message m {
                      optional group resourceTags (MAP) {
                        repeated group key_value {
                          required binary key (STRING);
                          optional binary value (STRING);
                        }
                      }
                      optional group regions (LIST) {
                        repeated group list {
                          required binary element (STRING);
                        }
                      }
                      optional group legacy (LIST) {
                        repeated int32 array;
                      }
                      required group usage {
                        required double Amount;
                        optional binary unit (STRING);
                      }
                      repeated int64 ids;
                    }""");

            CrawlResult result = crawl(file);

            assertThat(result.columns())
                    .extracting(InferredColumn::name)
                    .containsExactly("resource_tags", "regions", "legacy", "usage", "ids");
            assertThat(result.columns())
                    .extracting(column -> TypeStrings.format(column.type()))
                    .containsExactly(
                            "map<string, string>",
                            "list<required string>",
                            "list<required int>",
                            "struct<amount: required double, unit: string>",
                            "list<required long>");
            assertThat(result.columns().get(0).sourceName()).isEqualTo("resourceTags");
            assertThat(result.columns())
                    .extracting(InferredColumn::nullable)
                    .containsExactly(true, true, true, false, false);
            assertThat(result.toSchema().columns()).hasSize(5);
        }

        @Test
        void rejectsATruncatedFileNamingTheFile() {
            Path file = FooterFiles.truncated(PARQUET_INVENTORY, directory.resolve("cut.parquet"), 100);

            assertThatThrownBy(() -> crawl(file))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("Cannot read Parquet footer of " + file + ": it ends with ")
                    .hasMessageEndingWith("not the magic PAR1: truncated or not Parquet");
        }

        @Test
        void rejectsAFooterOfGarbage() {
            Path file = FooterFiles.scribbled(PARQUET_INVENTORY, directory.resolve("garbage.parquet"), 400, 300);

            assertThatThrownBy(() -> crawl(file))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("Cannot read Parquet footer of " + file + ": ");
        }

        @Test
        void rejectsAFooterLengthLongerThanTheFile() {
            Path file = FooterFiles.scribbled(PARQUET_INVENTORY, directory.resolve("long.parquet"), 8, 3);

            assertThatThrownBy(() -> crawl(file))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageMatching(
                            "Cannot read Parquet footer of .*long.parquet: it claims a -?\\d+-byte footer in a 4277-byte file");
        }

        @Test
        void rejectsAbsurdAndNegativeRowCounts() throws IOException {
            Path file = FooterFiles.doctoredParquet(
                    PARQUET_INVENTORY,
                    directory.resolve("rows.parquet"),
                    footer -> footer.getRow_groups().get(0).setNum_rows(Long.MAX_VALUE));
            Path negative = FooterFiles.doctoredParquet(
                    PARQUET_INVENTORY,
                    directory.resolve("negative.parquet"),
                    footer -> footer.getRow_groups().get(0).setNum_rows(-1));

            assertThatThrownBy(() -> crawl(file))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(
                            "Cannot read Parquet footer of %s: it claims %d rows in %d bytes",
                            file, Long.MAX_VALUE, Files.size(file));
            assertThatThrownBy(() -> crawl(negative))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("Cannot read Parquet footer of %s: row group 0 claims -1 rows", negative);
        }

        @Test
        void acceptsAnUndoctoredCopyMadeTheSameWay() {
            Path file = FooterFiles.doctoredParquet(PARQUET_INVENTORY, directory.resolve("same.parquet"), footer -> {});

            assertThat(crawl(file).columns()).hasSize(18);
        }

        @Test
        void readsOnlyTheTailOfALargeFile() throws IOException {
            RecordingSource source = new RecordingSource(SeekableSource.of(PARQUET_INVENTORY));

            SchemaCrawler.crawl(source, CrawlOptions.defaults());

            assertThat(source.reads())
                    .as("magic at the head, then one tail read")
                    .hasSize(2);
        }
    }

    @Nested
    class Orc {
        @Test
        void readsTheInventoryColumnsWithIcebergTypesFromTheFooter() {
            CrawlResult result = crawl(ORC_INVENTORY);

            assertThat(result.format()).isEqualTo(FileFormat.ORC);
            assertThat(result.columns()).hasSize(18);
            assertThat(result.sampledRows()).as("no row is read").isZero();
            assertThat(column(result, "bucket").type()).isEqualTo(Types.StringType.get());
            assertThat(column(result, "bucket").nullable())
                    .as("statistics say no nulls")
                    .isFalse();
            assertThat(column(result, "key").type()).isEqualTo(Types.StringType.get());
            assertThat(column(result, "key").nullable()).isFalse();
            assertThat(column(result, "size").type()).isEqualTo(Types.LongType.get());
            assertThat(column(result, "last_modified_date").type())
                    .as("ORC timestamp has no zone; timestamp with local time zone would be timestamptz")
                    .isEqualTo(Types.TimestampType.withoutZone());
            assertThat(column(result, "is_latest").type()).isEqualTo(Types.BooleanType.get());
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "boolean | boolean",
                    "tinyint | int",
                    "smallint | int",
                    "int | int",
                    "bigint | long",
                    "float | float",
                    "double | double",
                    "string | string",
                    "varchar(10) | string",
                    "char(3) | string",
                    "binary | binary",
                    "date | date",
                    "timestamp | timestamp",
                    "timestamp with local time zone | timestamptz",
                    "decimal(12,3) | decimal(12,3)",
                    "array<int> | list<int>",
                    "map<string,bigint> | map<string, long>",
                    "struct<Amount:double> | struct<amount: double>",
                    "uniontype<int,string> | struct<tag: int, field0: int, field1: string>",
                })
        void mapsTypeDescriptionsToIcebergTypes(String orcType, String icebergType) {
            Path file = FooterFiles.emptyOrc(directory.resolve("one.orc"), "struct<c:" + orcType + ">");

            assertThat(onlyColumnType(crawl(file))).isEqualTo(icebergType);
        }

        @Test
        void rejectsATruncatedFileNamingTheFile() {
            Path file = FooterFiles.truncated(ORC_INVENTORY, directory.resolve("cut.orc"), 100);

            assertThatThrownBy(() -> crawl(file))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("Cannot read ORC footer of " + file + ": ")
                    .hasMessageContaining("truncated or not ORC");
        }

        @Test
        void rejectsAFooterOfGarbage() {
            Path file = FooterFiles.scribbled(ORC_INVENTORY, directory.resolve("garbage.orc"), 120, 80);

            assertThatThrownBy(() -> crawl(file))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("Cannot read ORC footer of " + file + ": ");
        }

        @Test
        void rejectsAFooterClaimingMoreRowsThanItsStripesHold() {
            Path file = FooterFiles.doctoredOrc(
                    ORC_INVENTORY, directory.resolve("rows.orc"), footer -> footer.setNumberOfRows(1L << 62));

            assertThatThrownBy(() -> crawl(file))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageMatching(
                            "Cannot read ORC footer of .*rows.orc: it claims 4611686018427387904 rows in \\d+ bytes");
        }

        @Test
        void rejectsStripesThatDisagreeWithTheFooter() {
            Path file = FooterFiles.doctoredOrc(
                    ORC_INVENTORY,
                    directory.resolve("stripes.orc"),
                    footer -> footer.setNumberOfRows(footer.getNumberOfRows() + 1));

            assertThatThrownBy(() -> crawl(file))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageMatching(
                            "Cannot read ORC footer of .*stripes.orc: its stripes hold (\\d+) rows but the footer claims \\d+");
        }

        @Test
        void acceptsAnUndoctoredCopyMadeTheSameWay() {
            Path file = FooterFiles.doctoredOrc(ORC_INVENTORY, directory.resolve("same.orc"), footer -> {});

            assertThat(crawl(file).columns()).hasSize(18);
        }
    }

    /** Counts the reads a crawl makes, to show that footer formats fetch the tail only. */
    private static final class RecordingSource implements SeekableSource {
        private final SeekableSource delegate;
        private final List<long[]> reads = new java.util.ArrayList<>();

        RecordingSource(SeekableSource delegate) {
            this.delegate = delegate;
        }

        List<long[]> reads() {
            return reads;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public long length() throws IOException {
            return delegate.length();
        }

        @Override
        public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
            reads.add(new long[] {position, length});
            delegate.readFully(position, buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
