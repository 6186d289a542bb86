package io.tidewater.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageJsonTest {

    @Test
    void loadJobSurvivesTheRoundTrip() {
        LoadJob job = LoadJob.builder()
                .jobId("job-1")
                .idempotencyKey("inventory/source-bucket/config/1715043600000")
                .runId("run-1")
                .table("inventory.objects")
                .files(List.of(new SourceFile("s3://tidewater-inventory/data/a.csv.gz", 331, "c473bcc2")))
                .format(SourceFormat.CSV)
                .readerOptions(ReaderOptions.s3InventoryCsv())
                .columns(List.of(new LoadColumn("is_latest", "IsLatest", "boolean", true)))
                .constantColumns(List.of(new ConstantColumn("inventory_date", "date", "2024-05-07")))
                .writeMode(new WriteMode.Replace("billing_period", "2024-05"))
                .evolutionPolicy(EvolutionPolicy.ADD_NEW_COLUMNS)
                .partitionFields(List.of("bucket", "inventory_date"))
                .replyTo("tidewater-load-results")
                .build();

        assertThat(MessageJson.read(MessageJson.write(job), LoadJob.class)).isEqualTo(job);
    }

    @Test
    void replaceOfOneOwnersRowsSurvivesTheRoundTrip() {
        WriteMode replace = new WriteMode.Replace(
                "billing_period", "2024-05", new WriteMode.Owner("report", "s3://billing/cur/payer-a"));

        assertThat(MessageJson.read(MessageJson.write(replace), WriteMode.class))
                .isEqualTo(replace);
    }

    @Test
    void replaceWrittenBeforeOwnersExistedStillReplacesTheWholePartition() {
        WriteMode earlier = MessageJson.read(
                "{\"mode\":\"replace\",\"column\":\"billing_period\",\"value\":\"2024-05\"}", WriteMode.class);

        assertThat(earlier).isEqualTo(new WriteMode.Replace("billing_period", "2024-05"));
        assertThat(MessageJson.write(earlier)).doesNotContain("owner");
    }

    @Test
    void refusesAnOwnerHeldInThePartitionColumn() {
        assertThatThrownBy(() -> new WriteMode.Replace(
                        "billing_period", "2024-05", new WriteMode.Owner("billing_period", "payer-a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot replace by billing_period = 2024-05: the owner column is the partition column");
    }

    @Test
    void derivedTablesAndTheirResultsSurviveTheRoundTrip() {
        DerivedTable costs = new DerivedTable(
                "billing.costs",
                List.of(
                        new DerivedTable.Column("billing_account_id", "string", "bill_payer_account_id"),
                        new DerivedTable.Column("billed_cost", "decimal(38,10)", "line_item_unblended_cost")),
                "x_report",
                new DerivedTable.Precedence(
                        "x_source", "cur", List.of("focus", "cur2", "cur"), List.of("billing_account_id")));
        LoadJob job = LoadJob.builder()
                .jobId("job-1")
                .idempotencyKey("billing/billing.cur/2024-05/a-1")
                .runId("run-1")
                .table("billing.cur")
                .files(List.of(new SourceFile("s3://billing/cur/a.csv.gz", 331, null)))
                .format(SourceFormat.PARQUET)
                .columns(List.of(new LoadColumn("bill_payer_account_id", "bill/PayerAccountId", "string", true)))
                .writeMode(new WriteMode.Replace(
                        "billing_period", "2024-05", new WriteMode.Owner("report", "cur/payer-a")))
                .evolutionPolicy(EvolutionPolicy.ADD_NEW_COLUMNS)
                .partitionFields(List.of("billing_period", "report"))
                .replyTo("replies")
                .build()
                .withDerivedTables(List.of(costs));
        LoadResult completed = new LoadResult.LoadCompleted(
                "job-1",
                "run-1",
                "billing.cur",
                3,
                0,
                7,
                false,
                12,
                List.of(new LoadResult.DerivedLoad(
                        "billing.costs",
                        0,
                        8,
                        false,
                        List.of(new LoadResult.Shadowed(
                                "billing_account_id=1234", "cur", "cur/payer-a", "focus", "focus/payer-a")))));

        assertThat(MessageJson.read(MessageJson.write(job), LoadJob.class)).isEqualTo(job);
        assertThat(MessageJson.read(MessageJson.write(completed), LoadResult.class))
                .isEqualTo(completed);
    }

    @Test
    void refusesDerivedTablesOnAJobThatReplacesNoOwnersRows() {
        DerivedTable costs = new DerivedTable(
                "billing.costs", List.of(new DerivedTable.Column("billed_cost", "double", "cost")), "x_report", null);

        assertThatThrownBy(() -> LoadJob.builder()
                        .jobId("job-1")
                        .idempotencyKey("key")
                        .runId("run-1")
                        .table("billing.cur")
                        .files(List.of(new SourceFile("s3://billing/cur/a.parquet", 331, null)))
                        .format(SourceFormat.PARQUET)
                        .columns(List.of())
                        .writeMode(new WriteMode.Append())
                        .evolutionPolicy(EvolutionPolicy.ADD_NEW_COLUMNS)
                        .replyTo("replies")
                        .derivedTables(List.of(costs))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot create load job job-1 for billing.cur: derived tables [billing.costs] need a write"
                        + " mode that replaces an owner's rows, not Append[]");
    }

    @Test
    void refusesAPrecedenceKeyThatIsNotADerivedColumn() {
        assertThatThrownBy(() -> new DerivedTable(
                        "billing.costs",
                        List.of(new DerivedTable.Column("billed_cost", "double", "cost")),
                        "x_report",
                        new DerivedTable.Precedence("x_source", "cur", List.of("focus", "cur"), List.of("payer"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot derive table billing.costs: key column payer is not one of its columns");
    }

    @Test
    void loadResultKeepsItsOutcome() {
        LoadResult failed = new LoadResult.LoadFailed("job-1", "run-1", "inventory.objects", "bad file", false);
        LoadResult completed =
                new LoadResult.LoadCompleted("job-2", "run-2", "inventory.objects", 5, 0, 42L, false, 1200);

        assertThat(MessageJson.read(MessageJson.write(failed), LoadResult.class))
                .isEqualTo(failed);
        assertThat(MessageJson.read(MessageJson.write(completed), LoadResult.class))
                .isEqualTo(completed);
    }

    @Test
    void reportArrivedWritesItsTimeAsIso8601() {
        ReportArrived arrived = new ReportArrived(
                "run-1",
                "inventory",
                "tidewater-inventory",
                "inv/src/cfg/2024-05-07T01-00Z/manifest.checksum",
                null,
                "abc",
                33,
                Instant.parse("2024-05-07T01:00:00Z"));

        String json = MessageJson.write(arrived);

        assertThat(json).contains("\"eventTime\":\"2024-05-07T01:00:00Z\"");
        assertThat(MessageJson.read(json, ReportArrived.class)).isEqualTo(arrived);
    }

    @Test
    void rejectsAMessageWithoutARequiredFieldNamingTheType() {
        assertThatThrownBy(() -> MessageJson.read("{\"jobId\":\"j\"}", LoadJob.class))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("Cannot read LoadJob from JSON:");
    }
}
