package io.tidewater.schema.evolution;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/** Splits a plan into what a schema still needs and what it already has, so applying a plan twice is harmless. */
record PendingChanges(List<SchemaChange> pending, List<SchemaChange> alreadyApplied) {
    static PendingChanges of(Schema current, EvolutionPlan plan, String target) {
        List<SchemaChange.RejectColumn> rejections = plan.rejections();
        if (!rejections.isEmpty()) {
            StringBuilder message =
                    new StringBuilder("Cannot apply schema plan to %s: %d column(s) rejected under policy %s:"
                            .formatted(target, rejections.size(), plan.policy()));
            rejections.forEach(rejection -> message.append("\n  ").append(rejection.reason()));
            throw new IncompatibleSchemaException(message.toString(), rejections);
        }
        List<SchemaChange> pending = new ArrayList<>();
        List<SchemaChange> done = new ArrayList<>();
        for (SchemaChange change : plan.changes()) {
            (needed(current, change, target) ? pending : done).add(change);
        }
        return new PendingChanges(pending, done);
    }

    // Java 17 has no pattern matching for switch; the sealed hierarchy keeps this chain complete.
    private static boolean needed(Schema current, SchemaChange change, String target) {
        if (change instanceof SchemaChange.AddColumn add) {
            return current.caseInsensitiveFindField(add.path()) == null;
        }
        if (change instanceof SchemaChange.MakeOptional optional) {
            Types.NestedField field = current.caseInsensitiveFindField(optional.path());
            return field != null && field.isRequired();
        }
        if (change instanceof SchemaChange.WidenType widen) {
            return needsWidening(current, widen, target);
        }
        // A rescue needs no schema change beyond the rescue column, which is its own AddColumn.
        return false;
    }

    private static boolean needsWidening(Schema current, SchemaChange.WidenType widen, String target) {
        Types.NestedField field = current.caseInsensitiveFindField(widen.path());
        if (field == null || TypeCompatibility.accepts(field.type(), widen.to())) {
            return false;
        }
        if (TypeCompatibility.promotable(field.type(), widen.to())) {
            return true;
        }
        SchemaChange.RejectColumn conflict = new SchemaChange.RejectColumn(
                widen.path(),
                field.type(),
                widen.to(),
                "Cannot widen column %s of %s from %s to %s: the table changed since the plan was made"
                        .formatted(widen.path(), target, field.type(), widen.to()));
        throw new IncompatibleSchemaException(conflict.reason(), List.of(conflict));
    }
}
