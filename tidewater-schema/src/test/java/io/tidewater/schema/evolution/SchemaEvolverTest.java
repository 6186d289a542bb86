package io.tidewater.schema.evolution;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.contract.EvolutionPolicy;
import java.io.IOException;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs against a real Iceberg table in iceberg-core's in-memory catalog; nothing is mocked. */
class SchemaEvolverTest {
    private static final TableIdentifier NAME = TableIdentifier.of("inventory", "objects");
    private static final Schema TABLE = new Schema(
            required(1, "bucket", Types.StringType.get()),
            optional(2, "size", Types.IntegerType.get()),
            optional(3, "detail", Types.StructType.of(optional(4, "key", Types.StringType.get()))));

    private InMemoryCatalog catalog;
    private Table table;

    @BeforeEach
    void givenATable() {
        catalog = new InMemoryCatalog();
        catalog.initialize("test", Map.of());
        catalog.createNamespace(Namespace.of("inventory"));
        table = catalog.createTable(NAME, TABLE);
    }

    @AfterEach
    void closeCatalog() throws IOException {
        catalog.close();
    }

    private EvolutionPlan plan(Schema incoming) {
        return new EvolutionPlanner(
                        EvolutionOptions.defaults().withPolicy(EvolutionPolicy.ADD_NEW_COLUMNS_WITH_WIDENING))
                .plan(table.schema(), incoming);
    }

    @Test
    void appliesAllChangesInOneCommit() {
        Schema incoming = new Schema(
                optional(1, "Bucket", Types.StringType.get()),
                optional(2, "size", Types.LongType.get()),
                optional(
                        3,
                        "detail",
                        Types.StructType.of(
                                optional(4, "key", Types.StringType.get()),
                                optional(5, "e_tag", Types.StringType.get()))),
                optional(6, "storage_class", Types.StringType.get()));
        int schemasBefore = table.schemas().size();
        EvolutionPlan plan = plan(incoming);

        EvolutionResult result = SchemaEvolver.apply(table, plan);

        Table reloaded = catalog.loadTable(NAME);
        assertThat(reloaded.schemas()).hasSize(schemasBefore + 1);
        assertThat(result.applied()).hasSize(4);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(reloaded.schema().findField("bucket").isOptional()).isTrue();
        assertThat(reloaded.schema().findField("size").type()).isEqualTo(Types.LongType.get());
        assertThat(reloaded.schema().findField("detail.e_tag")).isNotNull();
        assertThat(reloaded.schema().findField("storage_class").isOptional()).isTrue();
        assertThat(reloaded.schema().asStruct())
                .as("every change of the plan, and nothing else")
                .isEqualTo(new Schema(
                                optional(1, "bucket", Types.StringType.get()),
                                optional(2, "size", Types.LongType.get()),
                                optional(
                                        3,
                                        "detail",
                                        Types.StructType.of(
                                                optional(4, "key", Types.StringType.get()),
                                                optional(5, "e_tag", Types.StringType.get()))),
                                optional(6, "storage_class", Types.StringType.get()))
                        .asStruct());
    }

    @Test
    void skipsWhatAnotherWriterAlreadyApplied() {
        Schema incoming =
                new Schema(required(1, "bucket", Types.StringType.get()), optional(7, "owner", Types.StringType.get()));
        EvolutionPlan plan = plan(incoming);
        Table stale = catalog.loadTable(NAME);
        SchemaEvolver.apply(table, plan);
        int schemaId = catalog.loadTable(NAME).schema().schemaId();

        EvolutionResult second = SchemaEvolver.apply(stale, plan);

        assertThat(second.applied()).isEmpty();
        assertThat(second.alreadyApplied()).containsExactlyElementsOf(plan.changes());
        assertThat(second.attempts()).isZero();
        assertThat(catalog.loadTable(NAME).schema().schemaId()).isEqualTo(schemaId);
    }

    @Test
    void neverDropsAColumnMissingFromTheFile() {
        SchemaEvolver.apply(table, plan(new Schema(optional(2, "size", Types.IntegerType.get()))));

        assertThat(catalog.loadTable(NAME).schema().columns())
                .extracting(Types.NestedField::name)
                .containsExactly("bucket", "size", "detail");
    }

    @Test
    void addsTheRescueColumnForAConflictAndLeavesTheConflictingColumnAlone() {
        Schema incoming = new Schema(
                required(1, "bucket", Types.StringType.get()), optional(2, "size", Types.TimestampType.withZone()));

        SchemaEvolver.apply(table, plan(incoming));

        Schema after = catalog.loadTable(NAME).schema();
        assertThat(after.findField("_rescued_data").type()).isEqualTo(Types.StringType.get());
        assertThat(after.findField("size").type()).isEqualTo(Types.IntegerType.get());
    }

    @Test
    void refusesAPlanWithRejectionsAndNamesEveryOne() {
        Schema incoming = new Schema(
                optional(2, "size", Types.TimestampType.withZone()), optional(8, "owner", Types.StringType.get()));
        EvolutionPlan plan = new EvolutionPlanner(
                        EvolutionOptions.defaults().withPolicy(EvolutionPolicy.FAIL_ON_NEW_COLUMNS))
                .plan(table.schema(), incoming);

        assertThatThrownBy(() -> SchemaEvolver.apply(table, plan))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> assertThat(e.rejections())
                        .hasSize(2))
                .hasMessage(
                        "Cannot apply schema plan to table test.inventory.objects: 2 column(s) rejected under policy"
                                + " FAIL_ON_NEW_COLUMNS:\n"
                                + "  Cannot write timestamptz values to int column size under policy FAIL_ON_NEW_COLUMNS\n"
                                + "  Cannot add column owner: policy FAIL_ON_NEW_COLUMNS does not allow new columns");
        assertThat(catalog.loadTable(NAME).schema().asStruct())
                .isEqualTo(table.schema().asStruct());
    }

    @Test
    void rejectsAnAttemptCountBelowOne() {
        assertThatThrownBy(() -> SchemaEvolver.apply(table, plan(TABLE), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Cannot apply schema plan to test.inventory.objects: maxAttempts must be at least 1, was 0");
    }
}
