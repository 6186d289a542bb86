package io.tidewater.loader.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotChanges;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CherrypickAncestorCommitException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.DuplicateWAPCommitException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;

/**
 * Publishes a snapshot that Spark staged under an idempotency key. Iceberg's cherry-pick checks the table's history for
 * the key inside the commit, and retries on a concurrent commit with the history refreshed, so a key is published at
 * most once however many loaders race.
 */
final class StagedSnapshots {

    /** The snapshot that holds the key's rows, and whether an earlier or concurrent delivery published it. */
    record Published(Snapshot snapshot, boolean alreadyLoaded) {}

    private StagedSnapshots() {}

    static Published publish(Table table, String idempotencyKey, String what) {
        table.refresh();
        Optional<Snapshot> staged = LoadHistory.stagedSnapshot(table, idempotencyKey);
        if (staged.isEmpty()) {
            Snapshot published = LoadHistory.publishedSnapshot(table, idempotencyKey)
                    .orElseThrow(() -> new IllegalStateException(
                            "Cannot publish %s: no snapshot of %s is staged or published for %s"
                                    .formatted(what, table.name(), idempotencyKey)));
            return new Published(published, true);
        }
        try {
            table.manageSnapshots().cherrypick(staged.get().snapshotId()).commit();
        } catch (DuplicateWAPCommitException | CherrypickAncestorCommitException raced) {
            // A concurrent delivery published the key first: with another staged snapshot (duplicate WAP id), or with
            // this very one, fast-forwarded, which the retried cherry-pick then finds among the table's ancestors.
            return new Published(publishedOrThrow(table, idempotencyKey, raced), true);
        } catch (CommitStateUnknownException unknown) {
            // The commit may have landed: the table's history decides before anything is retried.
            return new Published(publishedOrThrow(table, idempotencyKey, unknown), false);
        }
        return new Published(publishedOrThrow(table, idempotencyKey, null), false);
    }

    /**
     * Publishes the staged rows in place of {@code replaced}'s rows in one overwrite commit. The commit fails when
     * another commit since the table state it read added or removed rows of the same scope: then either a racing
     * delivery of the same key published first, or the job must run again on the table as it now is.
     *
     * @throws RetryableLoadException when a concurrent commit changed the replaced rows and the key is not published
     */
    static Published publishReplacing(Table table, String idempotencyKey, String what, ReplacedRows replaced) {
        return publishSwapping(
                table,
                idempotencyKey,
                what,
                replaced.scope(),
                (base, staged) -> new Swap(replaced.filesIn(base), staged, Map.of()));
    }

    /** Which files a publication removes and which of the staged ones it adds, and what it records beside. */
    record Swap(List<DataFile> removed, List<DataFile> added, Map<String, String> properties) {}

    /** Decides a publication's swap from the table's state it commits on and the staged snapshot's files. */
    @FunctionalInterface
    interface SwapPlan {
        Swap plan(Snapshot base, List<DataFile> staged);
    }

    /**
     * Publishes the staged snapshot as one overwrite commit that makes the swap {@code plan} decides on the current
     * table state, validated against any commit since that changed rows matching {@code scope}.
     *
     * @throws RetryableLoadException when a concurrent commit changed rows of the scope and the key is not published
     */
    static Published publishSwapping(Table table, String idempotencyKey, String what, Expression scope, SwapPlan plan) {
        table.refresh();
        Optional<Snapshot> earlier = LoadHistory.publishedSnapshot(table, idempotencyKey);
        if (earlier.isPresent()) {
            return new Published(earlier.get(), true);
        }
        Snapshot staged = LoadHistory.stagedSnapshot(table, idempotencyKey)
                .orElseThrow(() -> new IllegalStateException("Cannot publish %s: no snapshot of %s is staged for %s"
                        .formatted(what, table.name(), idempotencyKey)));
        Snapshot base = table.currentSnapshot();
        OverwriteFiles overwrite = table.newOverwrite();
        if (base != null) {
            overwrite
                    .validateFromSnapshot(base.snapshotId())
                    .conflictDetectionFilter(scope)
                    .validateNoConflictingData()
                    .validateNoConflictingDeletes();
        }
        List<DataFile> stagedFiles = new ArrayList<>();
        // Through the table's partition specs, not the spec each manifest repeats (deprecated, and warned of per read).
        SnapshotChanges.builderFor(table)
                .snapshot(staged)
                .build()
                .addedDataFiles()
                .forEach(stagedFiles::add);
        Swap swap = plan.plan(base, stagedFiles);
        swap.removed().forEach(overwrite::deleteFile);
        swap.added().forEach(overwrite::addFile);
        staged.summary().forEach((key, value) -> {
            if (key.startsWith(LoadHistory.PROPERTY_PREFIX)) {
                overwrite.set(key, value);
            }
        });
        swap.properties().forEach(overwrite::set);
        overwrite.set(LoadHistory.IDEMPOTENCY_KEY, idempotencyKey);
        // As a cherry-pick records it: readers that follow write-audit-publish find the key, and Iceberg refuses to
        // cherry-pick another snapshot staged under it.
        overwrite.set(SnapshotSummary.PUBLISHED_WAP_ID_PROP, idempotencyKey);
        try {
            overwrite.commit();
        } catch (ValidationException conflict) {
            table.refresh();
            return new Published(
                    LoadHistory.publishedSnapshot(table, idempotencyKey)
                            .orElseThrow(() -> new RetryableLoadException(
                                    "Cannot publish %s: a concurrent commit to %s changed the rows it replaces (%s);"
                                                    .formatted(what, table.name(), conflict.getMessage())
                                            + " the job runs again on the table as it now is",
                                    conflict)),
                    true);
        } catch (CommitStateUnknownException unknown) {
            return new Published(publishedOrThrow(table, idempotencyKey, unknown), false);
        }
        return new Published(publishedOrThrow(table, idempotencyKey, null), false);
    }

    private static Snapshot publishedOrThrow(Table table, String idempotencyKey, RuntimeException cause) {
        table.refresh();
        return LoadHistory.publishedSnapshot(table, idempotencyKey)
                .orElseThrow(() -> cause != null
                        ? cause
                        : new IllegalStateException("Cannot find the published snapshot of %s in %s"
                                .formatted(idempotencyKey, table.name())));
    }
}
