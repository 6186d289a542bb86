package io.tidewater.schema.evolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.contract.EvolutionPolicy;
import io.tidewater.schema.InvalidInputException;
import java.util.List;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class EvolutionPlanJsonTest {
    private final EvolutionPlan plan = new EvolutionPlan(
            EvolutionPolicy.ADD_NEW_COLUMNS_WITH_WIDENING,
            List.of(
                    new SchemaChange.AddColumn(null, "_rescued_data", Types.StringType.get(), "rescue"),
                    new SchemaChange.AddColumn(
                            "detail",
                            "owner",
                            Types.StructType.of(
                                    Types.NestedField.optional(1, "id", Types.StringType.get()),
                                    Types.NestedField.optional(
                                            2,
                                            "tags",
                                            Types.MapType.ofOptional(
                                                    3, 4, Types.StringType.get(), Types.DecimalType.of(38, 10)))),
                            "new"),
                    new SchemaChange.WidenType("size", Types.IntegerType.get(), Types.LongType.get(), "wider"),
                    new SchemaChange.MakeOptional("bucket", "missing"),
                    new SchemaChange.RescueColumn("size", Types.LongType.get(), Types.StringType.get(), "conflict"),
                    new SchemaChange.RejectColumn(
                            "etag", null, Types.TimestampType.withZone(), "Cannot add column etag")),
            List.of(new RenameCandidate("e_tag", "etag", "similar")));

    @Test
    void writesTypesAsIcebergTypeStrings() {
        String json = plan.toJson();

        assertThat(json)
                .contains("\"policy\":\"addNewColumnsWithWidening\"")
                .contains(
                        "{\"change\":\"widen_type\",\"path\":\"size\",\"from\":\"int\",\"to\":\"long\",\"reason\":\"wider\"}")
                .contains("\"incomingType\":\"timestamptz\"")
                .contains("\"type\":\"struct<id: string, tags: map<string, decimal(38,10)>>\"");
    }

    @Test
    void readsBackWhatItWrites() {
        EvolutionPlan read = EvolutionPlan.fromJson(plan.toJson());

        assertThat(read.toJson()).isEqualTo(plan.toJson());
        assertThat(read.changes().get(2)).isEqualTo(plan.changes().get(2));
        assertThat(read.renameCandidates()).isEqualTo(plan.renameCandidates());
    }

    @Test
    void rejectsJsonThatIsNotAPlan() {
        assertThatThrownBy(() -> EvolutionPlan.fromJson("{\"policy\":\"sometimes\"}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Cannot read evolution plan from JSON: ");
    }
}
