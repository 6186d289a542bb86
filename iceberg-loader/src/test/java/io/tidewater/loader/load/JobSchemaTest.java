package io.tidewater.loader.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.contract.ConstantColumn;
import io.tidewater.contract.EvolutionPolicy;
import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.ReaderOptions;
import io.tidewater.contract.SourceFile;
import io.tidewater.contract.SourceFormat;
import io.tidewater.contract.WriteMode;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class JobSchemaTest {

    private static LoadJob job(LoadColumn... columns) {
        return LoadJob.builder()
                .jobId("job-1")
                .idempotencyKey("key-1")
                .runId("run-1")
                .table("billing.cur2")
                .files(List.of(new SourceFile("s3://bucket/export-00001.csv.gz", 10, null)))
                .format(SourceFormat.CSV)
                .readerOptions(new ReaderOptions(',', '"', '"', true, List.of(""), "gzip"))
                .columns(List.of(columns))
                .constantColumns(List.of(new ConstantColumn("billing_period", "string", "2024-05")))
                .writeMode(new WriteMode.Replace("billing_period", "2024-05"))
                .evolutionPolicy(EvolutionPolicy.ADD_NEW_COLUMNS)
                .partitionFields(List.of("billing_period"))
                .replyTo("replies")
                .build();
    }

    @Test
    void mapColumnsGetMapTypesWithIdsOfTheirOwn() {
        Schema schema = JobSchema.of(job(
                new LoadColumn("resource_tags", "resource_tags", "map<string, string>", true),
                new LoadColumn("line_item_unblended_cost", "line_item_unblended_cost", "double", true),
                new LoadColumn("product", "product", "map<string, string>", true)));

        assertThat(schema.findField("resource_tags").type())
                .isEqualTo(Types.MapType.ofOptional(2, 3, Types.StringType.get(), Types.StringType.get()));
        assertThat(schema.findField("product").type())
                .isEqualTo(Types.MapType.ofOptional(6, 7, Types.StringType.get(), Types.StringType.get()));
        assertThat(schema.columns()).extracting(Types.NestedField::fieldId).containsExactly(1, 4, 5, 8);
        assertThat(schema.findField("billing_period").type()).isEqualTo(Types.StringType.get());
    }

    @Test
    void unknownTypeNamesTheColumnAndTheJob() {
        assertThatThrownBy(() -> JobSchema.of(job(new LoadColumn("tags", "Tags", "map<string>", true))))
                .isInstanceOf(InvalidLoadJobException.class)
                .hasMessage(
                        "Cannot read the type of column tags in load job job-1: unknown Iceberg type 'map<string>'");
    }

    @Test
    void mapColumnThatTheTableHoldsAsTextStaysText() {
        LoadJob job = job(
                new LoadColumn("id", "id", "long", true),
                new LoadColumn("resource_tags", "resource_tags", "map<string, string>", true),
                new LoadColumn("cost_category", "cost_category", "map<string, string>", true),
                new LoadColumn("discount", "discount", "map<string, string>", true));
        Schema table = new Schema(
                Types.NestedField.optional(1, "id", Types.LongType.get()),
                Types.NestedField.optional(2, "RESOURCE_TAGS", Types.StringType.get()),
                Types.NestedField.optional(
                        3,
                        "cost_category",
                        Types.MapType.ofOptional(4, 5, Types.StringType.get(), Types.StringType.get())));

        LoadJob fitted = JobSchema.keepingTextColumns(job, table);

        assertThat(fitted.columns())
                .extracting(LoadColumn::name, LoadColumn::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("id", "long"),
                        org.assertj.core.groups.Tuple.tuple("resource_tags", "string"),
                        org.assertj.core.groups.Tuple.tuple("cost_category", "map<string, string>"),
                        org.assertj.core.groups.Tuple.tuple("discount", "map<string, string>"));
        assertThat(fitted).usingRecursiveComparison().ignoringFields("columns").isEqualTo(job);
    }

    @Test
    void jobWithoutTextMapColumnsIsKeptAsItIs() {
        LoadJob job = job(new LoadColumn("tags", "Tags", "map<string, string>", true));

        assertThat(JobSchema.keepingTextColumns(
                        job, new Schema(Types.NestedField.optional(1, "id", Types.LongType.get()))))
                .isSameAs(job);
    }
}
