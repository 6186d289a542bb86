package io.tidewater.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadJobBuilderTest {

    private static LoadJob.Builder inventoryJob() {
        return LoadJob.builder()
                .jobId("job-1")
                .idempotencyKey("s3-inventory/source/config/1715043600000")
                .runId("run-1")
                .table("inventory.objects")
                .files(List.of(new SourceFile("s3://inventory/data/a.parquet", 331, null)))
                .format(SourceFormat.PARQUET)
                .columns(List.of(new LoadColumn("key", "key", "string", false)))
                .writeMode(new WriteMode.Append())
                .evolutionPolicy(EvolutionPolicy.ADD_NEW_COLUMNS)
                .replyTo("tidewater-load-results");
    }

    @Test
    void buildsAJobWithNoneOfTheOptionalFields() {
        LoadJob job = inventoryJob().build();

        assertThat(job.constantColumns()).isEmpty();
        assertThat(job.partitionFields()).isEmpty();
        assertThat(job.derivedTables()).isEmpty();
        assertThat(job.readerOptions()).isNull();
    }

    @Test
    void namesEveryMissingRequiredField() {
        assertThatThrownBy(() -> inventoryJob()
                        .idempotencyKey(null)
                        .evolutionPolicy(null)
                        .replyTo(" ")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot build load job for inventory.objects: idempotencyKey is missing,"
                        + " evolutionPolicy is missing, replyTo is missing");
    }

    @Test
    void namesAMissingTable() {
        assertThatThrownBy(() -> inventoryJob().table(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot build load job: table is missing");
    }

    @Test
    void copiesAJobWithOneFieldChanged() {
        LoadJob job = inventoryJob().build();

        LoadJob again = job.toBuilder().jobId("job-2").build();

        assertThat(again)
                .isEqualTo(new LoadJob(
                        "job-2",
                        job.idempotencyKey(),
                        job.runId(),
                        job.table(),
                        job.files(),
                        job.format(),
                        null,
                        job.columns(),
                        List.of(),
                        job.writeMode(),
                        job.evolutionPolicy(),
                        List.of(),
                        job.replyTo(),
                        List.of()));
    }

    @Test
    void carriesTheEvolutionPolicyByItsName() {
        String json = MessageJson.write(inventoryJob()
                .evolutionPolicy(EvolutionPolicy.ADD_NEW_COLUMNS_WITH_WIDENING)
                .build());

        assertThat(json).contains("\"evolutionPolicy\":\"addNewColumnsWithWidening\"");
        assertThat(MessageJson.read(json, LoadJob.class).evolutionPolicy())
                .isEqualTo(EvolutionPolicy.ADD_NEW_COLUMNS_WITH_WIDENING);
    }

    @Test
    void refusesAJobWithAnUnknownEvolutionPolicy() {
        String json = MessageJson.write(inventoryJob().build()).replace("addNewColumns", "dropEverything");

        assertThatThrownBy(() -> MessageJson.read(json, LoadJob.class))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("Cannot read evolution policy 'dropEverything': expected one of addNewColumns,"
                        + " addNewColumnsWithWidening, rescue, failOnNewColumns, none");
    }

    @Test
    void readsAPolicyInAnyCase() {
        assertThat(EvolutionPolicy.named("RESCUE")).isEqualTo(EvolutionPolicy.RESCUE);
        assertThat(EvolutionPolicy.named("ADD_NEW_COLUMNS")).isEqualTo(EvolutionPolicy.ADD_NEW_COLUMNS);
        assertThat(EvolutionPolicy.named("addnewcolumns")).isEqualTo(EvolutionPolicy.ADD_NEW_COLUMNS);
    }
}
