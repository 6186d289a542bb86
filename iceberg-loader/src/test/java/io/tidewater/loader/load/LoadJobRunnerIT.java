package io.tidewater.loader.load;

import static io.tidewater.loader.load.LocalLoader.column;
import static io.tidewater.loader.load.LocalLoader.csvJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.contract.ConstantColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The loader's job runner on real Spark and a real Iceberg catalog. */
class LoadJobRunnerIT {

    private final LocalLoader loader = LocalLoader.get();

    @Test
    void sameJobDeliveredThreeTimesConcurrentlyLeavesOneCopyOfTheRows() throws Exception {
        Path file = loader.csv("dup.csv", "id,name", "1,a", "2,b", "3,c");
        LoadJob job = csvJob(
                "tests.duplicates",
                "dup-1",
                "addNewColumns",
                List.of(column("id", "long"), column("name", "string")),
                file);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<LoadResult.LoadCompleted>> runs = new ArrayList<>();
        for (int delivery = 0; delivery < 3; delivery++) {
            Callable<LoadResult.LoadCompleted> run = () -> loader.runner.run(job);
            runs.add(pool.submit(run));
        }
        List<LoadResult.LoadCompleted> results = new ArrayList<>();
        for (Future<LoadResult.LoadCompleted> run : runs) {
            results.add(run.get());
        }
        pool.shutdown();
        LoadResult.LoadCompleted again = loader.runner.run(job);

        assertThat(loader.count("SELECT count(*) FROM tests.duplicates")).isEqualTo(3);
        assertThat(loader.count("SELECT count(*) FROM tests.duplicates WHERE name = 'b'"))
                .as("a filtered count reads the rows, not metrics that once answered 0")
                .isEqualTo(1);
        assertThat(results).filteredOn(result -> !result.alreadyLoaded()).hasSize(1);
        assertThat(results)
                .extracting(LoadResult.LoadCompleted::snapshotId)
                .containsOnly(results.get(0).snapshotId());
        assertThat(again.alreadyLoaded()).isTrue();
        assertThat(again.rowsWritten()).isZero();
    }

    @Test
    void filesOfOnePartitionAreWrittenByTheirOwnTasksNotShuffledIntoOne() {
        LoadJob job = partitionedJob("tests.spread", "spread-1");

        loader.runner.run(job);

        Table table = loader.table("tests.spread");
        assertThat(table.currentSnapshot().addedDataFiles(table.io()))
                .as("one data file per source file, all in the one partition")
                .hasSize(2)
                .allSatisfy(file ->
                        assertThat(file.partition().get(0, String.class)).isEqualTo("2024-05-07"));
        assertThat(loader.count("SELECT count(*) FROM tests.spread")).isEqualTo(4);
    }

    @Test
    void tableWithItsOwnDistributionModeKeepsIt() {
        loader.runner.run(partitionedJob("tests.hashed", "hashed-1"));
        loader.table("tests.hashed")
                .updateProperties()
                .set(TableProperties.WRITE_DISTRIBUTION_MODE, "hash")
                .commit();

        loader.runner.run(partitionedJob("tests.hashed", "hashed-2"));

        Table table = loader.table("tests.hashed");
        assertThat(table.currentSnapshot().addedDataFiles(table.io()))
                .as("the hash distribution shuffles the partition's rows to one task")
                .hasSize(1);
        assertThat(loader.count("SELECT count(*) FROM tests.hashed")).isEqualTo(8);
    }

    /** Two files whose rows all fall in one partition, as an inventory report's do. */
    private LoadJob partitionedJob(String table, String idempotencyKey) {
        return csvJob(
                        table,
                        idempotencyKey,
                        "addNewColumns",
                        List.of(column("id", "long"), column("name", "string")),
                        loader.csv(idempotencyKey + "-a.csv", "id,name", "1,a", "2,b"),
                        loader.csv(idempotencyKey + "-b.csv", "id,name", "3,c", "4,d"))
                .withConstantColumnsAndPartitioning(
                        List.of(new ConstantColumn("day", "string", "2024-05-07")), List.of("day"));
    }

    @Test
    void fileWhoseMd5DiffersFromItsManifestPublishesNothing() throws Exception {
        Path good = loader.csv("md5-good.csv", "id,name", "1,a");
        Path damaged = loader.csv("md5-damaged.csv", "id,name", "2,b", "3,c");
        String goodMd5 = md5(good);
        LoadJob job = withMd5s(
                csvJob(
                        "tests.checksums",
                        "md5-1",
                        "addNewColumns",
                        List.of(column("id", "long"), column("name", "string")),
                        good,
                        damaged),
                goodMd5,
                "00000000000000000000000000000000");

        assertThatThrownBy(() -> loader.runner.run(job))
                .isInstanceOf(InvalidLoadJobException.class)
                .hasMessage(
                        "Cannot load into tests.checksums: %s has MD5 %s but its manifest says %s; nothing was"
                                + " published",
                        damaged.toUri(), md5(damaged), "00000000000000000000000000000000");
        assertThat(loader.count("SELECT count(*) FROM tests.checksums")).isZero();

        LoadResult.LoadCompleted matching = loader.runner.run(withMd5s(
                csvJob(
                        "tests.checksums",
                        "md5-2",
                        "addNewColumns",
                        List.of(column("id", "long"), column("name", "string")),
                        good,
                        damaged),
                goodMd5,
                md5(damaged)));
        assertThat(matching.rowsWritten()).isEqualTo(3);
    }

    private static LoadJob withMd5s(LoadJob job, String... md5s) {
        List<SourceFile> files = new ArrayList<>();
        for (int index = 0; index < job.files().size(); index++) {
            SourceFile file = job.files().get(index);
            files.add(new SourceFile(file.uri(), file.size(), md5s[index]));
        }
        return job.withFiles(files);
    }

    private static String md5(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    }

    @Test
    void malformedRowsAreQuarantinedWithTheirLineNumbersAndTheGoodRowsLoad() {
        Path file = loader.csv(
                "bad.csv",
                "id,size,latest",
                "1,10,true",
                "2,not-a-number,true",
                "3,30,false",
                "4,40,maybe",
                "5,50,true,unexpected",
                "6,60,false");
        LoadJob job = csvJob(
                "tests.malformed",
                "bad-1",
                "addNewColumns",
                List.of(column("id", "long"), column("size", "long"), column("latest", "boolean")),
                file);

        LoadResult.LoadCompleted result = loader.runner.run(job);

        assertThat(result.rowsWritten()).isEqualTo(3);
        assertThat(result.rowsQuarantined()).isEqualTo(3);
        assertThat(loader.count("SELECT count(*) FROM tests.malformed")).isEqualTo(3);
        List<Row> quarantined = loader.spark
                .sql(
                        "SELECT line_number, raw_text, reason, source_file FROM tests.malformed_quarantine ORDER BY line_number")
                .collectAsList();
        assertThat(quarantined).extracting(row -> row.getLong(0)).containsExactly(3L, 5L, 6L);
        assertThat(quarantined)
                .extracting(row -> row.getString(1))
                .containsExactly("2,not-a-number,true", "4,40,maybe", "5,50,true,unexpected");
        assertThat(quarantined)
                .extracting(row -> row.getString(2))
                .containsExactly(
                        "Cannot read field size: 'not-a-number' is not a long",
                        "Cannot read field latest: 'maybe' is not a boolean",
                        "Cannot read row: it has 4 fields, more than the 3 columns of the report");
        assertThat(quarantined).extracting(row -> row.getString(3)).allMatch(path -> path.endsWith("bad.csv"));
    }

    @Test
    void newColumnIsAddedAsOneSchemaChangeWithoutRewritingData() {
        Path first = loader.csv("v1.csv", "id,name", "1,a");
        Path second = loader.csv("v2.csv", "id,name,colour", "2,b,red");
        loader.runner.run(csvJob(
                "tests.evolving",
                "v1",
                "addNewColumns",
                List.of(column("id", "long"), column("name", "string")),
                first));
        Table before = loader.table("tests.evolving");
        DataFile firstFile =
                before.currentSnapshot().addedDataFiles(before.io()).iterator().next();

        loader.runner.run(csvJob(
                "tests.evolving",
                "v2",
                "addNewColumns",
                List.of(column("id", "long"), column("name", "string"), column("colour", "string")),
                second));

        Table after = loader.table("tests.evolving");
        assertThat(after.schemas()).hasSize(before.schemas().size() + 1);
        assertThat(after.schema().findField("colour").type()).isEqualTo(Types.StringType.get());
        assertThat(loader.spark
                        .sql("SELECT input_file_name() FROM tests.evolving WHERE id = 1")
                        .first()
                        .getString(0))
                .as("the first file's rows stay in their file")
                .isEqualTo(firstFile.location());
        assertThat(loader.count("SELECT count(*) FROM tests.evolving WHERE id = 1 AND colour IS NULL"))
                .isEqualTo(1);
        assertThat(loader.count("SELECT count(*) FROM tests.evolving WHERE colour = 'red'"))
                .isEqualTo(1);
    }

    @Test
    void fileWithoutAColumnLoadsNullsAndKeepsTheColumn() {
        loader.runner.run(csvJob(
                "tests.missing",
                "m1",
                "addNewColumns",
                List.of(column("id", "long"), column("name", "string")),
                loader.csv("m1.csv", "id,name", "1,a")));

        loader.runner.run(csvJob(
                "tests.missing",
                "m2",
                "addNewColumns",
                List.of(column("id", "long")),
                loader.csv("m2.csv", "id", "2")));

        assertThat(loader.table("tests.missing").schema().findField("name")).isNotNull();
        assertThat(loader.count("SELECT count(*) FROM tests.missing WHERE id = 2 AND name IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void typeConflictIsRescuedUnderTheDefaultPolicyAndNothingIsDropped() {
        loader.runner.run(csvJob(
                "tests.conflict",
                "c1",
                "addNewColumns",
                List.of(column("id", "long"), column("size", "long")),
                loader.csv("c1.csv", "id,size", "1,10")));

        loader.runner.run(csvJob(
                "tests.conflict",
                "c2",
                "addNewColumns",
                List.of(column("id", "long"), column("size", "string")),
                loader.csv("c2.csv", "id,size", "2,large")));

        Table table = loader.table("tests.conflict");
        assertThat(table.schema().findField("size").type()).isEqualTo(Types.LongType.get());
        assertThat(loader.spark
                        .sql("SELECT _rescued_data FROM tests.conflict WHERE id = 2")
                        .first()
                        .getString(0))
                .isEqualTo("{\"size\":\"large\"}");
        assertThat(loader.count("SELECT count(*) FROM tests.conflict WHERE id = 1 AND size = 10"))
                .isEqualTo(1);
    }

    @Test
    void typeConflictUnderPolicyNoneFailsTheJobAndLeavesTheTableUntouched() {
        loader.runner.run(csvJob(
                "tests.strict",
                "s1",
                "none",
                List.of(column("id", "long"), column("size", "long")),
                loader.csv("s1.csv", "id,size", "1,10")));
        long snapshot = loader.table("tests.strict").currentSnapshot().snapshotId();

        LoadJob conflicting = csvJob(
                "tests.strict",
                "s2",
                "none",
                List.of(column("id", "long"), column("size", "string")),
                loader.csv("s2.csv", "id,size", "2,large"));

        assertThatThrownBy(() -> loader.runner.run(conflicting))
                .isInstanceOf(InvalidLoadJobException.class)
                .hasMessageContaining("Cannot load")
                .hasMessageContaining("under policy none")
                .hasMessageContaining("size");
        assertThat(loader.table("tests.strict").currentSnapshot().snapshotId()).isEqualTo(snapshot);
        assertThat(loader.table("tests.strict").schema().findField("size").type())
                .isEqualTo(Types.LongType.get());
    }

    @Test
    void valueLongerThanTheLimitFailsTheJobAsInvalidInputAndLoadsNothing() {
        LoadJob endless = csvJob(
                "tests.endless",
                "endless-1",
                "addNewColumns",
                List.of(column("id", "long"), column("note", "string")),
                loader.csv("endless.csv", "id,note", "1,short", "2," + "n".repeat((1 << 20) + 1)));

        assertThatThrownBy(() -> loader.runner.run(endless))
                .isInstanceOf(InvalidLoadJobException.class)
                .hasMessageStartingWith("Cannot load")
                .hasMessageContaining("endless.csv")
                .hasMessageContaining(
                        "exceeds the maximum number of characters defined in your parser settings (1048576)")
                .hasMessageEndingWith("(tidewater.loader.limits.max-chars-per-column)");
        assertThat(loader.count("SELECT count(*) FROM tests.endless")).isZero();
    }
}
