package io.tidewater.schema.evolution;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.contract.EvolutionPolicy;
import io.tidewater.schema.types.TypeStrings;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EvolutionPlannerTest {
    private static final Schema TABLE = new Schema(
            required(1, "bucket", Types.StringType.get()),
            optional(2, "size", Types.IntegerType.get()),
            optional(3, "is_latest", Types.BooleanType.get()));

    private static EvolutionPlan plan(EvolutionPolicy policy, Schema table, Schema incoming) {
        return new EvolutionPlanner(EvolutionOptions.defaults().withPolicy(policy)).plan(table, incoming);
    }

    static Stream<Type> primitives() {
        return Stream.of(
                Types.BooleanType.get(),
                Types.IntegerType.get(),
                Types.LongType.get(),
                Types.FloatType.get(),
                Types.DoubleType.get(),
                Types.DecimalType.of(38, 10),
                Types.DateType.get(),
                Types.TimeType.get(),
                Types.TimestampType.withoutZone(),
                Types.TimestampType.withZone(),
                Types.StringType.get(),
                Types.UUIDType.get(),
                Types.FixedType.ofLength(16),
                Types.BinaryType.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    void plansNothingWhenEveryPrimitiveTypeMatches(Type type) {
        Schema schema = new Schema(optional(1, "value", type));

        assertThat(plan(EvolutionPolicy.ADD_NEW_COLUMNS, schema, schema).isEmpty())
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    void addsANewColumnOfEveryPrimitiveTypeAsOptional(Type type) {
        Schema incoming = new Schema(optional(1, "bucket", Types.StringType.get()), required(2, "extra", type));

        EvolutionPlan plan = plan(EvolutionPolicy.ADD_NEW_COLUMNS, TABLE, incoming);

        assertThat(plan.changes()).contains(new SchemaChange.AddColumn(null, "extra", type, "new in the file"));
        assertThat(AppliedPlans.applied(TABLE, plan).findField("extra").isOptional())
                .isTrue();
    }

    static Stream<Arguments> conflicts() {
        return Stream.of(
                Arguments.of(Types.LongType.get(), Types.StringType.get()),
                Arguments.of(Types.BooleanType.get(), Types.IntegerType.get()),
                Arguments.of(Types.DateType.get(), Types.TimestampType.withZone()),
                Arguments.of(Types.TimestampType.withoutZone(), Types.TimestampType.withZone()),
                Arguments.of(Types.IntegerType.get(), Types.DoubleType.get()),
                Arguments.of(Types.DecimalType.of(10, 2), Types.DecimalType.of(10, 4)),
                Arguments.of(Types.UUIDType.get(), Types.StringType.get()));
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("conflicts")
    void rescuesConflictingTypesUnderAddNewColumnsAndNeverLosesThem(Type tableType, Type incomingType) {
        Schema table = new Schema(optional(1, "value", tableType));
        Schema incoming = new Schema(optional(1, "value", incomingType));

        EvolutionPlan plan = plan(EvolutionPolicy.ADD_NEW_COLUMNS, table, incoming);

        assertThat(plan.changes())
                .hasSize(2)
                .first()
                .isEqualTo(new SchemaChange.AddColumn(
                        null,
                        "_rescued_data",
                        Types.StringType.get(),
                        "holds, as JSON, the values that do not fit the table's columns"));
        assertThat(plan.changes().get(1)).isInstanceOfSatisfying(SchemaChange.RescueColumn.class, rescue -> {
            assertThat(rescue.tableType()).isEqualTo(tableType);
            assertThat(rescue.incomingType()).isEqualTo(incomingType);
        });
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("conflicts")
    void rejectsConflictingTypesUnderFailOnNewColumns(Type tableType, Type incomingType) {
        EvolutionPlan plan = plan(
                EvolutionPolicy.FAIL_ON_NEW_COLUMNS,
                new Schema(optional(1, "value", tableType)),
                new Schema(optional(1, "value", incomingType)));

        assertThat(plan.rejections()).singleElement().satisfies(rejection -> assertThat(rejection.reason())
                .isEqualTo("Cannot write %s values to %s column value under policy FAIL_ON_NEW_COLUMNS"
                        .formatted(TypeStrings.format(incomingType), TypeStrings.format(tableType))));
    }

    static Stream<Arguments> acceptedAsTheyAre() {
        return Stream.of(
                Arguments.of(Types.LongType.get(), Types.IntegerType.get()),
                Arguments.of(Types.DoubleType.get(), Types.FloatType.get()),
                Arguments.of(Types.DoubleType.get(), Types.IntegerType.get()),
                Arguments.of(Types.DecimalType.of(38, 10), Types.DecimalType.of(12, 2)),
                Arguments.of(Types.DecimalType.of(38, 10), Types.LongType.get()),
                Arguments.of(Types.StringType.get(), Types.LongType.get()),
                Arguments.of(Types.StringType.get(), Types.TimestampType.withZone()),
                Arguments.of(Types.TimestampType.withoutZone(), Types.DateType.get()));
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("acceptedAsTheyAre")
    void acceptsNarrowerIncomingTypesWithoutChanges(Type tableType, Type incomingType) {
        EvolutionPlan plan = plan(
                EvolutionPolicy.NONE,
                new Schema(optional(1, "value", tableType)),
                new Schema(optional(1, "value", incomingType)));

        assertThat(plan.changes()).isEmpty();
    }

    @Nested
    class Widening {
        @Test
        void widensIntToLongUnderAddNewColumnsWithWidening() {
            Schema incoming = new Schema(optional(2, "size", Types.LongType.get()));

            EvolutionPlan plan = plan(EvolutionPolicy.ADD_NEW_COLUMNS_WITH_WIDENING, TABLE, incoming);

            assertThat(plan.changes())
                    .contains(new SchemaChange.WidenType(
                            "size",
                            Types.IntegerType.get(),
                            Types.LongType.get(),
                            "the file has long values in int column size"));
            assertThat(AppliedPlans.applied(TABLE, plan).findField("size").type())
                    .isEqualTo(Types.LongType.get());
        }

        @Test
        void widensFloatToDoubleAndDecimalPrecision() {
            Schema table = new Schema(
                    optional(1, "ratio", Types.FloatType.get()), optional(2, "cost", Types.DecimalType.of(10, 2)));
            Schema incoming = new Schema(
                    optional(1, "ratio", Types.DoubleType.get()), optional(2, "cost", Types.DecimalType.of(20, 2)));

            Schema widened =
                    AppliedPlans.applied(table, plan(EvolutionPolicy.ADD_NEW_COLUMNS_WITH_WIDENING, table, incoming));

            assertThat(widened.findField("ratio").type()).isEqualTo(Types.DoubleType.get());
            assertThat(widened.findField("cost").type()).isEqualTo(Types.DecimalType.of(20, 2));
        }

        @Test
        void rescuesIntToLongUnderAddNewColumnsBecauseWideningIsOptIn() {
            Schema incoming = new Schema(
                    required(1, "bucket", Types.StringType.get()), optional(2, "size", Types.LongType.get()));

            EvolutionPlan plan = plan(EvolutionPolicy.ADD_NEW_COLUMNS, TABLE, incoming);

            assertThat(plan.changes())
                    .extracting(SchemaChange::getClass)
                    .containsExactly(SchemaChange.AddColumn.class, SchemaChange.RescueColumn.class);
        }
    }

    @Nested
    class MissingColumns {
        @Test
        void makesAMissingRequiredColumnOptionalAndNeverDropsIt() {
            Schema incoming = new Schema(optional(2, "size", Types.IntegerType.get()));

            EvolutionPlan plan = plan(EvolutionPolicy.ADD_NEW_COLUMNS, TABLE, incoming);

            assertThat(plan.changes())
                    .containsExactly(new SchemaChange.MakeOptional(
                            "bucket", "the file lacks required column bucket; it is kept, never dropped"));
            Schema after = AppliedPlans.applied(TABLE, plan);
            assertThat(after.columns()).hasSize(3);
            assertThat(after.findField("bucket").isOptional()).isTrue();
        }

        @Test
        void ignoresAMissingOptionalColumn() {
            Schema incoming = new Schema(
                    optional(1, "bucket", Types.StringType.get()), optional(2, "size", Types.IntegerType.get()));

            assertThat(plan(
                                    EvolutionPolicy.NONE,
                                    TABLE.asStruct().field("bucket").isOptional() ? TABLE : withOptionalBucket(),
                                    incoming)
                            .changes())
                    .isEmpty();
        }

        @Test
        void rejectsAMissingRequiredColumnUnderNone() {
            EvolutionPlan plan =
                    plan(EvolutionPolicy.NONE, TABLE, new Schema(optional(2, "size", Types.IntegerType.get())));

            assertThat(plan.rejections()).singleElement().satisfies(rejection -> assertThat(rejection.reason())
                    .isEqualTo("Cannot make column bucket optional under policy NONE: the file lacks required column"
                            + " bucket; it is kept, never dropped"));
        }

        private Schema withOptionalBucket() {
            return new Schema(
                    optional(1, "bucket", Types.StringType.get()),
                    optional(2, "size", Types.IntegerType.get()),
                    optional(3, "is_latest", Types.BooleanType.get()));
        }
    }

    @Nested
    class Policies {
        private final Schema incoming = new Schema(
                required(1, "bucket", Types.StringType.get()),
                optional(2, "size", Types.IntegerType.get()),
                optional(3, "is_latest", Types.BooleanType.get()),
                optional(4, "storage_class", Types.StringType.get()));

        @Test
        void addsANewColumnByDefault() {
            EvolutionPlan plan = new EvolutionPlanner(EvolutionOptions.defaults()).plan(TABLE, incoming);

            assertThat(plan.policy()).isEqualTo(EvolutionPolicy.ADD_NEW_COLUMNS);
            assertThat(plan.changes())
                    .containsExactly(new SchemaChange.AddColumn(
                            null, "storage_class", Types.StringType.get(), "new in the file"));
        }

        @Test
        void rescuesANewColumnUnderRescue() {
            EvolutionPlan plan = plan(EvolutionPolicy.RESCUE, TABLE, incoming);

            assertThat(plan.changes()).extracting(SchemaChange::path).containsExactly("_rescued_data", "storage_class");
            assertThat(AppliedPlans.applied(TABLE, plan).findField("storage_class"))
                    .isNull();
        }

        @ParameterizedTest
        @EnumSource(
                value = EvolutionPolicy.class,
                names = {"FAIL_ON_NEW_COLUMNS", "NONE"})
        void rejectsANewColumnUnderStrictPolicies(EvolutionPolicy policy) {
            EvolutionPlan plan = plan(policy, TABLE, incoming);

            assertThat(plan.rejections()).singleElement().satisfies(rejection -> assertThat(rejection.reason())
                    .isEqualTo(
                            "Cannot add column storage_class: policy %s does not allow new columns".formatted(policy)));
        }

        @Test
        void rejectsEveryNewColumnWhenAFileAddsMoreThanTheLimit() {
            EvolutionPlan plan =
                    new EvolutionPlanner(EvolutionOptions.defaults().withMaxNewColumns(0)).plan(TABLE, incoming);

            assertThat(plan.rejections()).singleElement().satisfies(rejection -> assertThat(rejection.reason())
                    .isEqualTo("Cannot add 1 new columns: the limit is 0 per file"));
        }
    }

    @Nested
    class Names {
        @Test
        void matchesACaseOnlyDifferenceByDefault() {
            Schema incoming = new Schema(
                    required(1, "Bucket", Types.StringType.get()),
                    optional(2, "SIZE", Types.IntegerType.get()),
                    optional(3, "Is_Latest", Types.BooleanType.get()));

            assertThat(plan(EvolutionPolicy.ADD_NEW_COLUMNS, TABLE, incoming).changes())
                    .isEmpty();
        }

        @Test
        void rejectsACaseOnlyDifferenceWhenMatchingIsCaseSensitive() {
            Schema incoming = new Schema(
                    required(1, "bucket", Types.StringType.get()),
                    optional(2, "Size", Types.IntegerType.get()),
                    optional(3, "is_latest", Types.BooleanType.get()));

            EvolutionPlan plan = new EvolutionPlanner(
                            EvolutionOptions.defaults().withNameMatching(NameMatching.CASE_SENSITIVE))
                    .plan(TABLE, incoming);

            assertThat(plan.rejections()).singleElement().satisfies(rejection -> assertThat(rejection.reason())
                    .isEqualTo("Cannot add column Size: it differs from existing column size only in case"));
        }

        @Test
        void reportsARenameCandidateButNeverRenames() {
            Schema table =
                    new Schema(optional(1, "e_tag", Types.StringType.get()), optional(2, "size", Types.LongType.get()));
            Schema incoming =
                    new Schema(optional(1, "etag", Types.StringType.get()), optional(2, "size", Types.LongType.get()));

            EvolutionPlan plan = plan(EvolutionPolicy.ADD_NEW_COLUMNS, table, incoming);

            assertThat(plan.renameCandidates())
                    .containsExactly(new RenameCandidate("e_tag", "etag", "same name apart from case and underscores"));
            assertThat(plan.changes()).extracting(SchemaChange::path).containsExactly("etag");
        }
    }

    @Nested
    class NestedFields {
        private final Schema table = new Schema(
                optional(1, "detail", Types.StructType.of(optional(2, "key", Types.StringType.get()))),
                optional(
                        3,
                        "points",
                        Types.ListType.ofOptional(4, Types.StructType.of(optional(5, "x", Types.IntegerType.get())))),
                optional(6, "tags", Types.MapType.ofOptional(7, 8, Types.StringType.get(), Types.IntegerType.get())));

        @Test
        void addsANestedStructFieldAndFieldsInsideListsAndMaps() {
            Schema incoming = new Schema(
                    optional(
                            1,
                            "detail",
                            Types.StructType.of(
                                    optional(2, "key", Types.StringType.get()),
                                    required(9, "size", Types.LongType.get()))),
                    optional(
                            3,
                            "points",
                            Types.ListType.ofOptional(
                                    4,
                                    Types.StructType.of(
                                            optional(5, "x", Types.IntegerType.get()),
                                            optional(10, "y", Types.IntegerType.get())))),
                    optional(6, "tags", Types.MapType.ofOptional(7, 8, Types.StringType.get(), Types.LongType.get())));

            EvolutionPlan plan = plan(EvolutionPolicy.ADD_NEW_COLUMNS_WITH_WIDENING, table, incoming);

            assertThat(plan.changes())
                    .containsExactly(
                            new SchemaChange.AddColumn("detail", "size", Types.LongType.get(), "new in the file"),
                            new SchemaChange.AddColumn(
                                    "points.element", "y", Types.IntegerType.get(), "new in the file"),
                            new SchemaChange.WidenType(
                                    "tags.value",
                                    Types.IntegerType.get(),
                                    Types.LongType.get(),
                                    "the file has long values in int column tags.value"));
            Schema after = AppliedPlans.applied(table, plan);
            assertThat(after.findField("detail.size").isOptional()).isTrue();
            assertThat(after.findField("points.element.y").type()).isEqualTo(Types.IntegerType.get());
            assertThat(after.findField("tags.value").type()).isEqualTo(Types.LongType.get());
        }

        @Test
        void addsANewStructColumnWithEveryNestedFieldOptional() {
            Schema incoming = new Schema(
                    optional(1, "detail", Types.StructType.of(optional(2, "key", Types.StringType.get()))),
                    optional(20, "owner", Types.StructType.of(required(21, "id", Types.StringType.get()))));

            EvolutionPlan plan = plan(EvolutionPolicy.ADD_NEW_COLUMNS, table, incoming);

            assertThat(plan.changes())
                    .singleElement()
                    .isInstanceOfSatisfying(SchemaChange.AddColumn.class, add -> assertThat(
                                    add.type().asStructType().field("id").isOptional())
                            .isTrue());
            assertThat(List.of(plan.renameCandidates())).containsExactly(List.of());
        }
    }

    /** CUR 2.0 and FOCUS map columns ({@code resource_tags}, {@code Tags}, ...): {@code map<string, string>}. */
    @Nested
    class MapColumns {
        private final Schema table = new Schema(
                optional(1, "line_item_unblended_cost", Types.DoubleType.get()),
                optional(2, "product", Types.MapType.ofOptional(3, 4, Types.StringType.get(), Types.StringType.get())));

        @Test
        void addsAMapColumnNewToTheTableAsOneAddColumnWithOptionalValues() {
            Schema incoming = new Schema(
                    optional(1, "line_item_unblended_cost", Types.DoubleType.get()),
                    optional(
                            2,
                            "product",
                            Types.MapType.ofOptional(3, 4, Types.StringType.get(), Types.StringType.get())),
                    optional(
                            5,
                            "resource_tags",
                            Types.MapType.ofRequired(6, 7, Types.StringType.get(), Types.StringType.get())));

            EvolutionPlan plan = plan(EvolutionPolicy.ADD_NEW_COLUMNS, table, incoming);

            assertThat(plan.changes()).singleElement().isInstanceOfSatisfying(SchemaChange.AddColumn.class, add -> {
                assertThat(add.parent()).isNull();
                assertThat(add.name()).isEqualTo("resource_tags");
                assertThat(TypeStrings.format(add.type())).isEqualTo("map<string, string>");
            });
            Schema after = AppliedPlans.applied(table, plan);
            assertThat(after.findField("resource_tags").type().asMapType().isValueOptional())
                    .isTrue();
            assertThat(after.findField("product").type())
                    .isEqualTo(table.findField("product").type());
        }

        @Test
        void keepsAMapColumnTheFileLacks() {
            Schema incoming = new Schema(optional(1, "line_item_unblended_cost", Types.DoubleType.get()));

            assertThat(plan(EvolutionPolicy.ADD_NEW_COLUMNS, table, incoming).isEmpty())
                    .isTrue();
        }

        @Test
        void mapOfStringsTakesAMapOfNumbers() {
            Schema incoming = new Schema(optional(
                    2, "product", Types.MapType.ofOptional(3, 4, Types.StringType.get(), Types.DoubleType.get())));

            assertThat(plan(EvolutionPolicy.NONE, table, incoming).isEmpty()).isTrue();
        }

        @Test
        void mapForATextColumnIsAConflictNotAPromotion() {
            Schema text = new Schema(optional(1, "resource_tags", Types.StringType.get()));
            Schema incoming = new Schema(optional(
                    1,
                    "resource_tags",
                    Types.MapType.ofOptional(2, 3, Types.StringType.get(), Types.StringType.get())));

            EvolutionPlan plan = plan(EvolutionPolicy.ADD_NEW_COLUMNS_WITH_WIDENING, text, incoming);

            assertThat(plan.changes())
                    .filteredOn(SchemaChange.RescueColumn.class::isInstance)
                    .singleElement()
                    .satisfies(change -> assertThat(change.reason())
                            .isEqualTo("Cannot write map<string, string> values to string column resource_tags: "
                                    + "values go to _rescued_data"));
        }

        @Test
        void mapOfStringsTakesOtherPrimitiveKeysAsText() {
            Schema incoming = new Schema(optional(
                    2, "product", Types.MapType.ofOptional(3, 4, Types.LongType.get(), Types.StringType.get())));

            assertThat(plan(EvolutionPolicy.NONE, table, incoming).isEmpty()).isTrue();
        }

        @Test
        void mapWithObjectValuesIsAConflictForAMapOfStrings() {
            Schema incoming = new Schema(optional(
                    2,
                    "product",
                    Types.MapType.ofOptional(
                            3,
                            4,
                            Types.StringType.get(),
                            Types.StructType.of(optional(5, "rate", Types.DoubleType.get())))));

            assertThat(plan(EvolutionPolicy.NONE, table, incoming).rejections())
                    .singleElement()
                    .satisfies(rejection -> assertThat(rejection.reason())
                            .isEqualTo("Cannot write struct<rate: double> values to string column product.value "
                                    + "under policy NONE"));
        }
    }
}
