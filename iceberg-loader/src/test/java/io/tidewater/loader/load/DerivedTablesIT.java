package io.tidewater.loader.load;

import static io.tidewater.loader.load.LocalLoader.column;
import static io.tidewater.loader.load.LocalLoader.csvJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.contract.ConstantColumn;
import io.tidewater.contract.DerivedTable;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.WriteMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A derived table holds one row per row of its sources' tables, replaced by owner as they are, and a key delivered by
 * two sources counts once: the source that ranks first wins, the other is reported as shadowed.
 */
class DerivedTablesIT {

    private static final List<String> ORDER = List.of("focus", "cur2", "cur");

    private final LocalLoader loader = LocalLoader.get();

    @Test
    void aPayersMonthFromTwoGenerationsCountsOnceAndTheLaterRankedSourceIsShadowed() {
        String costs = "tests.costs_precedence";
        loader.runner.run(curJob(
                "tests.cur_precedence", costs, "cur-1", "cur-report", "payer-a,1.5", "payer-a,2.5", "payer-b,4"));

        assertThat(sum(costs, "cur", "payer-a")).isEqualTo(4.0);
        assertThat(sum(costs, "cur", "payer-b")).isEqualTo(4.0);

        LoadResult.LoadCompleted focus =
                loader.runner.run(focusJob("tests.focus_precedence", costs, "focus-1", "focus-report", "payer-a,3"));

        LoadResult.Shadowed curOfPayerA =
                new LoadResult.Shadowed("billing_account_id=payer-a", "cur", "cur-report", "focus", "focus-report");
        assertThat(focus.derived()).singleElement().satisfies(derived -> {
            assertThat(derived.table()).isEqualTo(costs);
            assertThat(derived.rowsWritten()).isEqualTo(1);
            assertThat(derived.shadowed()).containsExactly(curOfPayerA);
        });
        assertThat(rows(costs, "cur", "payer-a"))
                .as("removed by the FOCUS delivery")
                .isZero();
        assertThat(sum(costs, "focus", "payer-a")).isEqualTo(3.0);
        assertThat(sum(costs, "cur", "payer-b")).as("a payer only in CUR stays").isEqualTo(4.0);

        LoadResult.LoadCompleted restated = loader.runner.run(
                curJob("tests.cur_precedence", costs, "cur-2", "cur-report", "payer-a,10", "payer-b,5", "payer-b,1"));

        assertThat(restated.derived()).singleElement().satisfies(derived -> {
            assertThat(derived.rowsWritten()).as("only payer-b's rows").isEqualTo(2);
            assertThat(derived.shadowed()).containsExactly(curOfPayerA);
        });
        assertThat(rows(costs, "cur", "payer-a")).isZero();
        assertThat(sum(costs, "cur", "payer-b")).isEqualTo(6.0);
        assertThat(sum(costs, "focus", "payer-a")).isEqualTo(3.0);

        LoadResult.LoadCompleted replayed =
                loader.runner.run(focusJob("tests.focus_precedence", costs, "focus-1", "focus-report", "payer-a,3"));

        assertThat(replayed.alreadyLoaded()).isTrue();
        assertThat(replayed.derived()).singleElement().satisfies(derived -> {
            assertThat(derived.alreadyLoaded()).isTrue();
            assertThat(derived.shadowed()).containsExactly(curOfPayerA);
        });
        assertThat(loader.count("SELECT count(*) FROM " + costs)).isEqualTo(3);
    }

    @Test
    void aRedeliveryWritesTheDerivedTableThatACrashLeftUnwritten() {
        String costs = "tests.costs_healed";
        LoadJob job = curJob("tests.cur_healed", costs, "cur-1", "cur-report", "payer-a,1", "payer-a,2");
        loader.runner.run(job.withDerivedTables(List.of()));

        LoadResult.LoadCompleted redelivered = loader.runner.run(job);

        assertThat(redelivered.alreadyLoaded()).isTrue();
        assertThat(redelivered.derived()).singleElement().satisfies(derived -> {
            assertThat(derived.alreadyLoaded()).isFalse();
            assertThat(derived.rowsWritten()).isEqualTo(2);
        });
        assertThat(sum(costs, "cur", "payer-a")).isEqualTo(3.0);
        assertThat(loader.runner.run(job).derived())
                .singleElement()
                .satisfies(derived -> assertThat(derived.alreadyLoaded()).isTrue());
        assertThat(loader.count("SELECT count(*) FROM " + costs)).isEqualTo(2);
    }

    @Test
    void refusesEveryDerivedExpressionThatReachesTheJvmReadsATableOrMultipliesRowsBeforeWritingAnything() {
        LoadJob job = curJob("tests.cur_reflect", "tests.costs_reflect", "cur-1", "cur-report", "payer-a,1");
        DerivedTable reaching = new DerivedTable(
                "tests.costs_reflect",
                List.of(
                        new DerivedTable.Column("billing_account_id", "string", "(SELECT max(report) FROM tests.x)"),
                        new DerivedTable.Column(
                                "billed_cost", "double", "cost + reflect('java.lang.System', 'exit', '1')"),
                        new DerivedTable.Column("tags", "string", "explode(array(payer, payer))")),
                "x_report",
                null);

        assertThatThrownBy(() -> loader.runner.run(job.withDerivedTables(List.of(reaching))))
                .isInstanceOf(InvalidLoadJobException.class)
                .hasMessage("Cannot derive tables from load job %s:".formatted(job.jobId())
                        + " tests.costs_reflect column billing_account_id = (SELECT max(report) FROM tests.x): a"
                        + " subquery reads other tables, tests.costs_reflect column billed_cost = cost +"
                        + " reflect('java.lang.System', 'exit', '1'): function reflect reaches the JVM,"
                        + " tests.costs_reflect column tags = explode(array(payer, payer)): function explode makes"
                        + " several rows of one");
        assertThat(loader.spark.catalog().tableExists(LocalLoader.PRIMARY + ".tests.cur_reflect"))
                .as("nothing was written")
                .isFalse();
    }

    private double sum(String table, String source, String payer) {
        return ((Number) loader.spark
                        .sql(
                                "SELECT coalesce(sum(billed_cost), 0) FROM %s WHERE x_source = '%s' AND billing_account_id = '%s'"
                                        .formatted(table, source, payer))
                        .first()
                        .get(0))
                .doubleValue();
    }

    private long rows(String table, String source, String payer) {
        return loader.count("SELECT count(*) FROM %s WHERE x_source = '%s' AND billing_account_id = '%s'"
                .formatted(table, source, payer));
    }

    private LoadJob curJob(String table, String costs, String key, String report, String... lines) {
        return job(table, key, report, "payer,cost", lines)
                .withDerivedTables(List.of(costs(costs, "cur", "payer", "cost")));
    }

    private LoadJob focusJob(String table, String costs, String key, String report, String... lines) {
        return job(table, key, report, "billing_account_id,billed_cost", lines)
                .withDerivedTables(List.of(costs(costs, "focus", "billing_account_id", "billed_cost")));
    }

    private static DerivedTable costs(String table, String source, String account, String cost) {
        return new DerivedTable(
                table,
                List.of(
                        new DerivedTable.Column("billing_account_id", "string", account),
                        new DerivedTable.Column("billed_cost", "double", cost)),
                "x_report",
                new DerivedTable.Precedence("x_source", source, ORDER, List.of("billing_account_id")));
    }

    private LoadJob job(String table, String key, String report, String header, String... lines) {
        List<String> content = new ArrayList<>();
        content.add(header);
        content.addAll(List.of(lines));
        String[] names = header.split(",");
        return csvJob(
                        table,
                        table + "/" + key,
                        "addNewColumns",
                        List.of(column(names[0], "string"), column(names[1], "double")),
                        loader.csv(table + "-" + key + ".csv", content.toArray(String[]::new)))
                .withConstantColumnsAndPartitioning(
                        List.of(
                                new ConstantColumn("billing_period", "string", "2024-05"),
                                new ConstantColumn("report", "string", report)),
                        List.of("billing_period", "report"))
                .withWriteMode(
                        new WriteMode.Replace("billing_period", "2024-05", new WriteMode.Owner("report", report)));
    }
}
