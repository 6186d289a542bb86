package io.tidewater.loader.load;

import static io.tidewater.loader.load.LocalLoader.column;
import static io.tidewater.loader.load.LocalLoader.csvJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.contract.ConstantColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.WriteMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.SnapshotSummary;
import org.junit.jupiter.api.Test;

/** A replacing load takes the place of its own rows of a partition, and of no one else's, in one commit. */
class ReplacedRowsIT {

    private final LocalLoader loader = LocalLoader.get();

    @Test
    void twoReportsOfOneMonthLiveSideBySideAndEachRestatesAlone() {
        String table = "tests.two_reports";
        loader.runner.run(reportJob(table, "a-1", "2024-05", "payer-a", 3));
        loader.runner.run(reportJob(table, "b-1", "2024-05", "payer-b", 2));
        loader.runner.run(reportJob(table, "a-april", "2024-04", "payer-a", 4));

        assertThat(rows(table, "2024-05", "payer-a")).isEqualTo(3);
        assertThat(rows(table, "2024-05", "payer-b")).isEqualTo(2);

        LoadResult.LoadCompleted restated = loader.runner.run(reportJob(table, "a-2", "2024-05", "payer-a", 1));

        assertThat(restated.rowsWritten()).isEqualTo(1);
        assertThat(loader.table(table).currentSnapshot().summary())
                .as("the key is recorded as a cherry-pick records it, for readers that follow write-audit-publish")
                .containsEntry(SnapshotSummary.PUBLISHED_WAP_ID_PROP, table + "/a-2");
        assertThat(rows(table, "2024-05", "payer-a")).isEqualTo(1);
        assertThat(rows(table, "2024-05", "payer-b"))
                .as("the other report of the month")
                .isEqualTo(2);
        assertThat(rows(table, "2024-04", "payer-a"))
                .as("the same report's other month")
                .isEqualTo(4);

        LoadResult.LoadCompleted replayed = loader.runner.run(reportJob(table, "a-1", "2024-05", "payer-a", 3));

        assertThat(replayed.alreadyLoaded()).isTrue();
        assertThat(rows(table, "2024-05", "payer-a")).isEqualTo(1);
        assertThat(loader.count("SELECT count(*) FROM " + table)).isEqualTo(7);
    }

    @Test
    void rowsLoadedBeforeReportsWereRecordedBelongToTheReportThatDeliversNext() {
        String table = "tests.before_reports";
        loader.runner.run(periodJob(table, "old-may", "2024-05", 3));
        loader.runner.run(periodJob(table, "old-april", "2024-04", 2));

        loader.runner.run(reportJob(table, "a-1", "2024-05", "payer-a", 5));

        assertThat(loader.count("SELECT count(*) FROM %s WHERE billing_period = '2024-05'".formatted(table)))
                .as("the month's rows without a report were the delivering report's")
                .isEqualTo(5);
        assertThat(rows(table, "2024-05", "payer-a")).isEqualTo(5);
        assertThat(loader.count(
                        "SELECT count(*) FROM %s WHERE billing_period = '2024-04' AND report IS NULL".formatted(table)))
                .as("another month keeps its rows until a report restates it")
                .isEqualTo(2);
        assertThat(loader.table(table).spec().fields())
                .extracting(PartitionField::name)
                .containsExactly("billing_period", "report");

        loader.runner.run(reportJob(table, "b-1", "2024-05", "payer-b", 2));

        assertThat(rows(table, "2024-05", "payer-a")).isEqualTo(5);
        assertThat(rows(table, "2024-05", "payer-b")).isEqualTo(2);
    }

    @Test
    void sameRestatementDeliveredThreeTimesConcurrentlyReplacesOnce() throws Exception {
        String table = "tests.concurrent_restatement";
        loader.runner.run(reportJob(table, "c-1", "2024-05", "payer-c", 4));
        LoadJob restatement = reportJob(table, "c-2", "2024-05", "payer-c", 2);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<LoadResult.LoadCompleted>> runs = new ArrayList<>();
        for (int delivery = 0; delivery < 3; delivery++) {
            runs.add(pool.submit(() -> loader.runner.run(restatement)));
        }
        List<LoadResult.LoadCompleted> results = new ArrayList<>();
        for (Future<LoadResult.LoadCompleted> run : runs) {
            results.add(run.get());
        }
        pool.shutdown();

        assertThat(rows(table, "2024-05", "payer-c")).isEqualTo(2);
        assertThat(results).filteredOn(result -> !result.alreadyLoaded()).hasSize(1);
    }

    private long rows(String table, String period, String report) {
        return loader.count("SELECT count(*) FROM %s WHERE billing_period = '%s' AND report = '%s'"
                .formatted(table, period, report));
    }

    /** A delivery of one report's month: its rows carry the month and the report, and it replaces only them. */
    private LoadJob reportJob(String table, String key, String period, String report, int rowCount) {
        return job(table, key, rowCount)
                .withConstantColumnsAndPartitioning(
                        List.of(
                                new ConstantColumn("billing_period", "string", period),
                                new ConstantColumn("report", "string", report)),
                        List.of("billing_period", "report"))
                .withWriteMode(new WriteMode.Replace("billing_period", period, new WriteMode.Owner("report", report)));
    }

    /** A delivery as jobs were before reports were recorded: it replaces the whole month. */
    private LoadJob periodJob(String table, String key, String period, int rowCount) {
        return job(table, key, rowCount)
                .withConstantColumnsAndPartitioning(
                        List.of(new ConstantColumn("billing_period", "string", period)), List.of("billing_period"))
                .withWriteMode(new WriteMode.Replace("billing_period", period));
    }

    private LoadJob job(String table, String key, int rowCount) {
        List<String> lines = new ArrayList<>();
        lines.add("id,cost");
        for (int row = 0; row < rowCount; row++) {
            lines.add(row + "," + (row + 0.5));
        }
        return csvJob(
                table,
                table + "/" + key,
                "addNewColumns",
                List.of(column("id", "long"), column("cost", "double")),
                loader.csv(table + "-" + key + ".csv", lines.toArray(String[]::new)));
    }
}
