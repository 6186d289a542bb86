package io.tidewater.loader.load;

import static io.tidewater.loader.load.LocalLoader.column;
import static io.tidewater.loader.load.LocalLoader.csvJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.contract.EvolutionPolicy;
import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.SourceFile;
import io.tidewater.contract.SourceFormat;
import io.tidewater.contract.WriteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Map columns (CUR 2.0 {@code resource_tags}, FOCUS {@code Tags}, ...) on real Spark and a real Iceberg catalog: JSON
 * text in CSV and real maps in Parquet load as Iceberg maps; a table that holds such a column as text keeps it.
 */
class MapColumnsIT {

    private static final String MAP = "map<string, string>";

    private final LocalLoader loader = LocalLoader.get();

    @Test
    void csvJsonCellsLoadAsANewMapColumnAndABadCellIsQuarantinedNamingTheColumn() {
        loader.runner.run(csvJob(
                "tests.csv_maps",
                "csv-maps-1",
                "addNewColumns",
                List.of(column("id", "long"), column("cost", "double")),
                loader.csv("maps-v1.csv", "id,cost", "1,0.5")));

        LoadResult.LoadCompleted result = loader.runner.run(csvJob(
                "tests.csv_maps",
                "csv-maps-2",
                "addNewColumns",
                List.of(column("id", "long"), column("cost", "double"), column("resource_tags", MAP)),
                loader.csv(
                        "maps-v2.csv",
                        "id,cost,resource_tags",
                        "2,1.5,\"{\"\"user_team\"\":\"\"storage\"\",\"\"user_env\"\":\"\"prod\"\"}\"",
                        "3,2.5,",
                        "4,3.5,\"{\"\"user_team\"\": \"",
                        "5,4.5,{}",
                        "6,5.5,\"{\"\"count\"\":3,\"\"nested\"\":{\"\"a\"\":true}}\"",
                        "7,6.5,\"[\"\"not\"\",\"\"an object\"\"]\"",
                        "8,7.5,\"{\"\"k\"\":\"\"a\"\",\"\"k\"\":\"\"b\"\"}\"")));

        Table table = loader.table("tests.csv_maps");
        assertThat(table.schema().findField("resource_tags").type().isMapType()).isTrue();
        assertThat(table.schema().findField("resource_tags").type().asMapType().valueType())
                .isEqualTo(Types.StringType.get());
        assertThat(table.schema().findField("_rescued_data")).isNull();
        assertThat(result.rowsWritten()).isEqualTo(4);
        assertThat(result.rowsQuarantined()).isEqualTo(3);
        assertThat(firstRow("SELECT resource_tags['user_team'], element_at(resource_tags, 'user_env') "
                        + "FROM tests.csv_maps WHERE id = 2"))
                .containsExactly("storage", "prod");
        assertThat(loader.count("SELECT count(*) FROM tests.csv_maps WHERE id IN (1, 3) AND resource_tags IS NULL"))
                .as("the row from before the column and the empty cell")
                .isEqualTo(2);
        assertThat(loader.count("SELECT size(resource_tags) FROM tests.csv_maps WHERE id = 5"))
                .isZero();
        assertThat(firstRow("SELECT resource_tags['count'], resource_tags['nested'] FROM tests.csv_maps WHERE id = 6"))
                .as("values that are not strings keep their JSON text")
                .containsExactly("3", "{\"a\":true}");
        List<Row> quarantined = loader.spark
                .sql("SELECT line_number, raw_text, reason FROM tests.csv_maps_quarantine ORDER BY line_number")
                .collectAsList();
        assertThat(quarantined).extracting(row -> row.getLong(0)).containsExactly(4L, 7L, 8L);
        assertThat(quarantined)
                .extracting(row -> row.getString(1))
                .containsExactly(
                        "4,3.5,\"{\"\"user_team\"\": \"",
                        "7,6.5,\"[\"\"not\"\",\"\"an object\"\"]\"",
                        "8,7.5,\"{\"\"k\"\":\"\"a\"\",\"\"k\"\":\"\"b\"\"}\"");
        assertThat(quarantined)
                .extracting(row -> row.getString(2))
                .containsExactly(
                        "Cannot read field resource_tags: '{\"user_team\": ' is not a JSON object for map<string, string>",
                        "Cannot read field resource_tags: '[\"not\",\"an object\"]' is not a JSON object for "
                                + "map<string, string>",
                        "Cannot read field resource_tags: '{\"k\":\"a\",\"k\":\"b\"}' repeats a key");
    }

    @Test
    void parquetMapsLoadAsMapsOfStrings() {
        Path file = parquet(
                "parquet-maps",
                "SELECT 1L AS id, map('user_team', 'storage') AS tags, map('bundled_discount', 0.5D) AS discount");

        loader.runner.run(parquetJob(
                "tests.parquet_maps",
                "parquet-maps-1",
                List.of(column("id", "long"), column("tags", MAP), column("discount", MAP)),
                file));

        Table table = loader.table("tests.parquet_maps");
        assertThat(table.schema().findField("tags").type().asMapType().valueType())
                .isEqualTo(Types.StringType.get());
        assertThat(table.schema().findField("discount").type().asMapType().valueType())
                .as("discount values are numbers or text by key: text holds both")
                .isEqualTo(Types.StringType.get());
        assertThat(firstRow("SELECT tags['user_team'], discount['bundled_discount'] FROM tests.parquet_maps"))
                .containsExactly("storage", "0.5");
    }

    @Test
    void tableThatHoldsAMapColumnAsTextKeepsItAndGetsJsonText() {
        loader.runner.run(csvJob(
                "tests.text_tags",
                "text-tags-1",
                "addNewColumns",
                List.of(column("id", "long"), column("tags", "string")),
                loader.csv("text-tags-1.csv", "id,tags", "1,\"{\"\"user_team\"\":\"\"web\"\"}\"")));
        Table before = loader.table("tests.text_tags");

        loader.runner.run(csvJob(
                "tests.text_tags",
                "text-tags-2",
                "addNewColumns",
                List.of(column("id", "long"), column("tags", MAP)),
                loader.csv("text-tags-2.csv", "id,tags", "2,\"{\"\"user_team\"\":\"\"storage\"\"}\"")));
        loader.runner.run(parquetJob(
                "tests.text_tags",
                "text-tags-3",
                List.of(column("id", "long"), column("tags", MAP)),
                parquet("text-tags-3", "SELECT 3L AS id, map('user_team', 'data') AS tags")));

        Table after = loader.table("tests.text_tags");
        assertThat(after.schema().sameSchema(before.schema()))
                .as("string to map is no Iceberg promotion: the column stays text, no column is added or rescued")
                .isTrue();
        assertThat(values("SELECT tags FROM tests.text_tags ORDER BY id"))
                .containsExactly("{\"user_team\":\"web\"}", "{\"user_team\":\"storage\"}", "{\"user_team\":\"data\"}");
        assertThat(values("SELECT get_json_object(tags, '$.user_team') FROM tests.text_tags ORDER BY id"))
                .containsExactly("web", "storage", "data");
    }

    /** The first column of every row. */
    private List<String> values(String query) {
        return loader.spark.sql(query).collectAsList().stream()
                .map(row -> row.isNullAt(0) ? null : row.get(0).toString())
                .toList();
    }

    /** Every column of the first row. */
    private List<String> firstRow(String query) {
        Row row = loader.spark.sql(query).first();
        return IntStream.range(0, row.size())
                .mapToObj(index -> row.isNullAt(index) ? null : row.get(index).toString())
                .toList();
    }

    /** One Parquet file written by Spark from a query. */
    private Path parquet(String name, String query) {
        Path directory = loader.directory.resolve("sources").resolve(name);
        loader.spark.sql(query).coalesce(1).write().parquet(directory.toString());
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LoadJob parquetJob(String table, String idempotencyKey, List<LoadColumn> columns, Path file) {
        try {
            return LoadJob.builder()
                    .jobId(UUID.randomUUID().toString())
                    .idempotencyKey(idempotencyKey)
                    .runId("run-" + idempotencyKey)
                    .table(table)
                    .files(List.of(new SourceFile(file.toUri().toString(), Files.size(file), null)))
                    .format(SourceFormat.PARQUET)
                    .columns(columns)
                    .writeMode(new WriteMode.Append())
                    .evolutionPolicy(EvolutionPolicy.ADD_NEW_COLUMNS)
                    .replyTo("replies")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
