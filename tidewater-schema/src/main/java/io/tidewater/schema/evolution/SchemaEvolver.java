package io.tidewater.schema.evolution;

import static java.util.Objects.requireNonNull;

import io.tidewater.schema.RetryableSchemaException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.util.Tasks;

/**
 * Applies an {@link EvolutionPlan} to an Iceberg table in one {@link UpdateSchema} commit: refresh, skip what the table
 * already has, commit, and retry a bounded number of times when another writer commits first. It only adds columns,
 * widens types and makes columns optional; it never drops or renames a column or a table.
 */
public final class SchemaEvolver {
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    private static final long MIN_RETRY_WAIT_MILLIS = 50;
    private static final long MAX_RETRY_WAIT_MILLIS = 2_000;
    private static final long TOTAL_RETRY_MILLIS = 30_000;

    private SchemaEvolver() {}

    /**
     * Applies a plan with up to {@value #DEFAULT_MAX_ATTEMPTS} commit attempts.
     *
     * @see #apply(Table, EvolutionPlan, int)
     */
    public static EvolutionResult apply(Table table, EvolutionPlan plan) {
        return apply(table, plan, DEFAULT_MAX_ATTEMPTS);
    }

    /**
     * Applies a plan. Applying the same plan twice, or a plan another writer has already applied, commits nothing.
     *
     * @param table the table, not null
     * @param plan the plan, not null
     * @param maxAttempts the most commits to try, at least 1
     * @return what was applied and what the table already had
     * @throws IncompatibleSchemaException when the plan has rejections or the table changed so the plan no longer fits:
     *     quarantine the file
     * @throws RetryableSchemaException when every attempt lost the commit race: retry later
     * @throws org.apache.iceberg.exceptions.CommitStateUnknownException when the catalog could not say whether the
     *     commit happened: refresh and plan again before retrying
     */
    public static EvolutionResult apply(Table table, EvolutionPlan plan, int maxAttempts) {
        requireNonNull(table, "table is null");
        requireNonNull(plan, "plan is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("Cannot apply schema plan to %s: maxAttempts must be at least 1, was %d"
                    .formatted(table.name(), maxAttempts));
        }
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<EvolutionResult> result = new AtomicReference<>();
        try {
            // Iceberg's own commit retry: a short, growing wait between attempts so that racing writers spread out.
            Tasks.foreach(plan)
                    .retry(maxAttempts - 1)
                    .exponentialBackoff(MIN_RETRY_WAIT_MILLIS, MAX_RETRY_WAIT_MILLIS, TOTAL_RETRY_MILLIS, 2.0)
                    .onlyRetryOn(CommitFailedException.class)
                    .throwFailureWhenFinished()
                    .run(pending -> result.set(attempt(table, pending, attempts.incrementAndGet())));
        } catch (CommitFailedException lastFailure) {
            throw new RetryableSchemaException(
                    "Cannot commit schema changes to table %s: another writer won %d commit attempts in a row: %s"
                            .formatted(table.name(), attempts.get(), lastFailure.getMessage()),
                    lastFailure);
        }
        return result.get();
    }

    /** One attempt: refresh, skip what the table already has, commit the rest in one schema update. */
    private static EvolutionResult attempt(Table table, EvolutionPlan plan, int attempt) {
        table.refresh();
        PendingChanges changes = PendingChanges.of(table.schema(), plan, "table " + table.name());
        if (changes.pending().isEmpty()) {
            return new EvolutionResult(
                    table.name(),
                    List.of(),
                    changes.alreadyApplied(),
                    attempt - 1,
                    table.schema().schemaId());
        }
        UpdateSchema update = table.updateSchema().caseSensitive(false);
        for (SchemaChange change : changes.pending()) {
            stage(update, change);
        }
        update.commit();
        table.refresh();
        return new EvolutionResult(
                table.name(),
                changes.pending(),
                changes.alreadyApplied(),
                attempt,
                table.schema().schemaId());
    }

    private static void stage(UpdateSchema update, SchemaChange change) {
        if (change instanceof SchemaChange.AddColumn add) {
            update.addColumn(add.parent(), add.name(), add.type());
        } else if (change instanceof SchemaChange.WidenType widen) {
            update.updateColumn(widen.path(), widen.to().asPrimitiveType());
        } else if (change instanceof SchemaChange.MakeOptional optional) {
            update.makeColumnOptional(optional.path());
        }
    }
}
