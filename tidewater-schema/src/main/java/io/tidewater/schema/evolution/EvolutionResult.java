package io.tidewater.schema.evolution;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What {@link SchemaEvolver#apply} did.
 *
 * @param table the table name
 * @param applied the changes committed by this call
 * @param alreadyApplied the changes the table already had (a concurrent writer, an earlier attempt) or that need no
 *     schema change (rescues)
 * @param attempts how many commits were tried, 0 when there was nothing to commit
 * @param schemaId the table's current schema id afterwards
 */
public record EvolutionResult(
        String table, List<SchemaChange> applied, List<SchemaChange> alreadyApplied, int attempts, int schemaId) {
    public EvolutionResult {
        requireNonNull(table, "table is null");
        applied = List.copyOf(requireNonNull(applied, "applied is null"));
        alreadyApplied = List.copyOf(requireNonNull(alreadyApplied, "alreadyApplied is null"));
    }
}
