package io.tidewater.local.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;

/** Waits for the snapshot that published a load's idempotency key, as the demo's way to see a load land. */
final class PublishedSnapshots {

    private PublishedSnapshots() {}

    static Optional<Snapshot> await(Catalog catalog, TableIdentifier table, String idempotencyKey, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<Snapshot> published = find(catalog, table, idempotencyKey);
            if (published.isPresent()) {
                return published;
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    private static Optional<Snapshot> find(Catalog catalog, TableIdentifier identifier, String idempotencyKey) {
        try {
            Table table = catalog.loadTable(identifier);
            Snapshot current = table.currentSnapshot();
            for (Snapshot snapshot : table.snapshots()) {
                boolean published =
                        idempotencyKey.equals(snapshot.summary().get(SnapshotSummary.PUBLISHED_WAP_ID_PROP));
                // A staged snapshot whose parent was the current one is published by moving the branch to it.
                boolean fastForwarded =
                        idempotencyKey.equals(snapshot.summary().get(SnapshotSummary.STAGED_WAP_ID_PROP))
                                && current != null
                                && current.snapshotId() == snapshot.snapshotId();
                if (published || fastForwarded) {
                    return Optional.of(snapshot);
                }
            }
            return Optional.empty();
        } catch (NoSuchTableException notYet) {
            return Optional.empty();
        }
    }
}
