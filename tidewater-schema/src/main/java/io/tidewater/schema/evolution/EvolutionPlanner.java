package io.tidewater.schema.evolution;

import static java.util.Objects.requireNonNull;

import io.tidewater.contract.EvolutionPolicy;
import io.tidewater.schema.types.TypeStrings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Compares a table's schema with an incoming file's schema and plans the changes the policy allows. Planning has no
 * side effects; see {@link SchemaEvolver} to apply a plan.
 *
 * <p>Rules: a new column is added (optional), rescued or rejected by policy; a table column missing from the file is
 * kept and made optional if it was required; a narrower incoming type is accepted as it is; a type Iceberg can promote
 * (int to long, float to double, decimal precision) is widened only under
 * {@link EvolutionPolicy#ADD_NEW_COLUMNS_WITH_WIDENING}; any other type difference is rescued or rejected. Nested
 * struct fields (also inside lists and maps) follow the same rules.
 */
public final class EvolutionPlanner {
    private final EvolutionOptions options;

    /** @param options the policy, name matching and new-column guard, not null */
    public EvolutionPlanner(EvolutionOptions options) {
        this.options = requireNonNull(options, "options is null");
    }

    /**
     * Plans the changes that let {@code table} accept files with the {@code incoming} schema.
     *
     * @param table the table's current schema, not null
     * @param incoming the file's schema, for example {@link io.tidewater.schema.inference.CrawlResult#toSchema()}, not
     *     null
     * @return the plan; empty when the table already accepts the file
     */
    public EvolutionPlan plan(Schema table, Schema incoming) {
        requireNonNull(table, "table is null");
        requireNonNull(incoming, "incoming is null");
        Walk walk = new Walk();
        walk.struct(null, table.asStruct(), incoming.asStruct());
        return walk.finish(table);
    }

    private final class Walk {
        private final List<SchemaChange> changes = new ArrayList<>();
        private final List<RenameCandidate> renames = new ArrayList<>();
        private boolean rescues;

        void struct(String parent, Types.StructType table, Types.StructType incoming) {
            Set<Integer> matched = new HashSet<>();
            List<Types.NestedField> added = new ArrayList<>();
            for (Types.NestedField field : incoming.fields()) {
                Types.NestedField existing = find(table, field.name());
                if (existing == null) {
                    Types.NestedField caseTwin = findIgnoringCase(table, field.name());
                    if (caseTwin != null) {
                        // Glue and Athena fold case: a second column differing only in case would shadow the first.
                        changes.add(new SchemaChange.RejectColumn(
                                path(parent, field.name()),
                                caseTwin.type(),
                                field.type(),
                                "Cannot add column %s: it differs from existing column %s only in case"
                                        .formatted(path(parent, field.name()), path(parent, caseTwin.name()))));
                        matched.add(caseTwin.fieldId());
                        continue;
                    }
                    added.add(field);
                    newColumn(parent, field);
                    continue;
                }
                matched.add(existing.fieldId());
                String path = path(parent, existing.name());
                if (existing.isRequired() && field.isOptional()) {
                    makeOptional(path, "the file may have nulls in required column " + path);
                }
                type(path, existing.type(), field.type());
            }
            List<Types.NestedField> missing = new ArrayList<>();
            for (Types.NestedField field : table.fields()) {
                if (!matched.contains(field.fieldId())) {
                    missing.add(field);
                    if (field.isRequired()) {
                        String path = path(parent, field.name());
                        makeOptional(path, "the file lacks required column " + path + "; it is kept, never dropped");
                    }
                }
            }
            renameCandidates(parent, missing, added);
        }

        private void type(String path, Type table, Type incoming) {
            if (table.equals(incoming) || TypeCompatibility.accepts(table, incoming)) {
                return;
            }
            if (table.isStructType() && incoming.isStructType()) {
                struct(path, table.asStructType(), incoming.asStructType());
                return;
            }
            if (table.isListType() && incoming.isListType()) {
                Types.ListType tableList = table.asListType();
                Types.ListType incomingList = incoming.asListType();
                String element = path + ".element";
                if (tableList.isElementRequired() && incomingList.isElementOptional()) {
                    makeOptional(element, "the file may have null elements in " + path);
                }
                type(element, tableList.elementType(), incomingList.elementType());
                return;
            }
            if (table.isMapType() && incoming.isMapType()) {
                Types.MapType tableMap = table.asMapType();
                Types.MapType incomingMap = incoming.asMapType();
                if (!TypeCompatibility.accepts(tableMap.keyType(), incomingMap.keyType())) {
                    conflict(path, table, incoming);
                    return;
                }
                String value = path + ".value";
                if (tableMap.isValueRequired() && incomingMap.isValueOptional()) {
                    makeOptional(value, "the file may have null values in " + path);
                }
                type(value, tableMap.valueType(), incomingMap.valueType());
                return;
            }
            if (TypeCompatibility.promotable(table, incoming)
                    && options.policy() == EvolutionPolicy.ADD_NEW_COLUMNS_WITH_WIDENING) {
                changes.add(new SchemaChange.WidenType(
                        path,
                        table,
                        incoming,
                        "the file has %s values in %s column %s"
                                .formatted(TypeStrings.format(incoming), TypeStrings.format(table), path)));
                return;
            }
            conflict(path, table, incoming);
        }

        private void conflict(String path, Type table, Type incoming) {
            String detail = "Cannot write %s values to %s column %s"
                    .formatted(TypeStrings.format(incoming), TypeStrings.format(table), path);
            switch (options.policy()) {
                case ADD_NEW_COLUMNS, ADD_NEW_COLUMNS_WITH_WIDENING, RESCUE -> {
                    rescues = true;
                    changes.add(new SchemaChange.RescueColumn(
                            path, table, incoming, detail + ": values go to " + EvolutionPlan.RESCUED_DATA_COLUMN));
                }
                case FAIL_ON_NEW_COLUMNS, NONE ->
                    changes.add(new SchemaChange.RejectColumn(
                            path, table, incoming, detail + " under policy " + options.policy()));
            }
        }

        private void newColumn(String parent, Types.NestedField field) {
            String path = path(parent, field.name());
            switch (options.policy()) {
                case ADD_NEW_COLUMNS, ADD_NEW_COLUMNS_WITH_WIDENING ->
                    changes.add(new SchemaChange.AddColumn(
                            parent, field.name(), OptionalFields.of(field.type()), "new in the file"));
                case RESCUE -> {
                    rescues = true;
                    changes.add(new SchemaChange.RescueColumn(
                            path,
                            null,
                            field.type(),
                            "policy rescue keeps new column %s in %s"
                                    .formatted(path, EvolutionPlan.RESCUED_DATA_COLUMN)));
                }
                case FAIL_ON_NEW_COLUMNS, NONE ->
                    changes.add(new SchemaChange.RejectColumn(
                            path,
                            null,
                            field.type(),
                            "Cannot add column %s: policy %s does not allow new columns"
                                    .formatted(path, options.policy())));
            }
        }

        private void makeOptional(String path, String reason) {
            if (options.policy() == EvolutionPolicy.NONE) {
                changes.add(new SchemaChange.RejectColumn(
                        path,
                        null,
                        null,
                        "Cannot make column %s optional under policy NONE: %s".formatted(path, reason)));
                return;
            }
            changes.add(new SchemaChange.MakeOptional(path, reason));
        }

        private void renameCandidates(String parent, List<Types.NestedField> missing, List<Types.NestedField> added) {
            for (Types.NestedField gone : missing) {
                for (Types.NestedField fresh : added) {
                    boolean sameType =
                            gone.type().equals(fresh.type()) || TypeCompatibility.accepts(gone.type(), fresh.type());
                    String similarity = similarity(gone.name(), fresh.name());
                    if (sameType && similarity != null) {
                        renames.add(
                                new RenameCandidate(path(parent, gone.name()), path(parent, fresh.name()), similarity));
                    }
                }
            }
        }

        EvolutionPlan finish(Schema table) {
            List<SchemaChange> result = new ArrayList<>(changes.size() + 1);
            long additions = changes.stream()
                    .filter(SchemaChange.AddColumn.class::isInstance)
                    .count();
            if (additions > options.maxNewColumns()) {
                String reason = "Cannot add %d new columns: the limit is %d per file"
                        .formatted(additions, options.maxNewColumns());
                for (SchemaChange change : changes) {
                    result.add(
                            change instanceof SchemaChange.AddColumn add
                                    ? new SchemaChange.RejectColumn(add.path(), null, add.type(), reason)
                                    : change);
                }
            } else {
                result.addAll(changes);
            }
            if (rescues && findIgnoringCase(table.asStruct(), EvolutionPlan.RESCUED_DATA_COLUMN) == null) {
                result.add(
                        0,
                        new SchemaChange.AddColumn(
                                null,
                                EvolutionPlan.RESCUED_DATA_COLUMN,
                                Types.StringType.get(),
                                "holds, as JSON, the values that do not fit the table's columns"));
            }
            return new EvolutionPlan(options.policy(), result, renames);
        }

        private Types.NestedField find(Types.StructType struct, String name) {
            Types.NestedField exact = struct.field(name);
            if (exact != null || options.nameMatching() == NameMatching.CASE_SENSITIVE) {
                return exact;
            }
            return findIgnoringCase(struct, name);
        }
    }

    private static Types.NestedField findIgnoringCase(Types.StructType struct, String name) {
        for (Types.NestedField field : struct.fields()) {
            if (field.name().equalsIgnoreCase(name)) {
                return field;
            }
        }
        return null;
    }

    private static String path(String parent, String name) {
        return parent == null ? name : parent + "." + name;
    }

    /** @return why two names look like a rename, or {@code null} when they do not */
    private static String similarity(String before, String after) {
        String left = before.toLowerCase(Locale.ROOT).replace("_", "");
        String right = after.toLowerCase(Locale.ROOT).replace("_", "");
        if (left.equals(right)) {
            return "same name apart from case and underscores";
        }
        int distance = editDistance(left, right);
        if (distance <= Math.max(1, Math.min(left.length(), right.length()) / 4)) {
            return "names differ by %d characters and types agree".formatted(distance);
        }
        return null;
    }

    private static int editDistance(String left, String right) {
        int[] previous = new int[right.length() + 1];
        int[] current = new int[right.length() + 1];
        for (int column = 0; column <= right.length(); column++) {
            previous[column] = column;
        }
        for (int row = 1; row <= left.length(); row++) {
            current[0] = row;
            for (int column = 1; column <= right.length(); column++) {
                int substitution = previous[column - 1] + (left.charAt(row - 1) == right.charAt(column - 1) ? 0 : 1);
                current[column] = Math.min(substitution, Math.min(previous[column] + 1, current[column - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[right.length()];
    }
}
