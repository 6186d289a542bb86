package io.tidewater.schema.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.contract.EvolutionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * The merge laws, where merging a file into a table is planning under addNewColumnsWithWidening and applying the
 * plan to a table in memory. Generated schemas draw each column name from a fixed pool with a type from that name's promotion family, so
 * two schemas never conflict.
 */
class MergeLawsTest {
    private static final EvolutionPlanner PLANNER = new EvolutionPlanner(EvolutionOptions.defaults()
            .withPolicy(EvolutionPolicy.ADD_NEW_COLUMNS_WITH_WIDENING)
            .withMaxNewColumns(1000));

    /** Name to the types it may have: each list is ordered narrow to wide along Iceberg's promotions. */
    private static final Map<String, List<Type>> FAMILIES = new TreeMap<>(Map.of(
            "count", List.of(Types.IntegerType.get(), Types.LongType.get()),
            "ratio", List.of(Types.FloatType.get(), Types.DoubleType.get()),
            "cost", List.of(Types.DecimalType.of(10, 2), Types.DecimalType.of(20, 2), Types.DecimalType.of(38, 2)),
            "name", List.of(Types.StringType.get()),
            "flag", List.of(Types.BooleanType.get()),
            "day", List.of(Types.DateType.get()),
            "at", List.of(Types.TimestampType.withZone()),
            "Owner", List.of(Types.StringType.get())));

    private static Schema merge(Schema table, Schema incoming) {
        return AppliedPlans.applied(table, PLANNER.plan(table, incoming));
    }

    @Property
    void mergingASchemaWithItselfChangesNothing(@ForAll("schemas") Schema schema) {
        EvolutionPlan plan = PLANNER.plan(schema, schema);

        assertThat(plan.changes()).isEmpty();
        assertThat(AppliedPlans.applied(schema, plan).asStruct()).isEqualTo(schema.asStruct());
    }

    @Property
    void theMergeAcceptsBothInputs(@ForAll("schemas") Schema left, @ForAll("schemas") Schema right) {
        Schema merged = merge(left, right);

        assertThat(PLANNER.plan(merged, left).changes()).isEmpty();
        assertThat(PLANNER.plan(merged, right).changes()).isEmpty();
        assertThat(merged.columns()).hasSizeGreaterThanOrEqualTo(left.columns().size());
    }

    @Property
    void theOrderOfNonConflictingInputsDoesNotMatter(
            @ForAll("schemas") Schema table, @ForAll("schemas") Schema first, @ForAll("schemas") Schema second) {
        Schema oneWay = merge(merge(table, first), second);
        Schema otherWay = merge(merge(table, second), first);

        assertThat(shape(oneWay)).isEqualTo(shape(otherWay));
    }

    /** Names, types and optionality by name, ignoring field ids and column order. */
    private static Map<String, String> shape(Schema schema) {
        Map<String, String> shape = new TreeMap<>();
        TypeUtil.indexByName(schema.asStruct()).forEach((name, id) -> {
            Types.NestedField field = schema.findField(id);
            shape.put(
                    name.toLowerCase(java.util.Locale.ROOT),
                    (field.isOptional() ? "optional " : "required ")
                            + (field.type().isPrimitiveType()
                                    ? field.type()
                                    : field.type().typeId()));
        });
        return shape;
    }

    @Provide
    Arbitrary<Schema> schemas() {
        Arbitrary<Types.NestedField> column = Combinators.combine(
                        Arbitraries.of(new ArrayList<>(FAMILIES.keySet())),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .as((name, width, optional, nested) -> {
                    List<Type> family = FAMILIES.get(name);
                    Type type = family.get(Math.min(width, family.size() - 1));
                    String spelled = optional ? name : name.toUpperCase(java.util.Locale.ROOT);
                    if (nested) {
                        // The same name nests the same way in every schema, so nesting never conflicts.
                        return Types.NestedField.optional(
                                0,
                                "detail_" + name,
                                Types.StructType.of(Types.NestedField.of(0, optional, spelled, type)));
                    }
                    return Types.NestedField.of(0, optional, spelled, type);
                });
        return column.list()
                .ofMaxSize(6)
                .uniqueElements(field -> field.name().toLowerCase(java.util.Locale.ROOT))
                .map(fields -> new Schema(TypeUtil.assignFreshIds(
                                Types.StructType.of(fields),
                                new java.util.concurrent.atomic.AtomicInteger()::incrementAndGet)
                        .asStructType()
                        .fields()));
    }
}
