package io.tidewater.bench.pipeline;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * Finds when a delivery's rows were committed, from the table's history, and where the time went, from the
 * inventory-service's report ledger. The commit time is the moment the published snapshot became current, so the poll
 * interval does not enter the figure.
 */
final class TidewaterCommits {

    static final TableIdentifier INVENTORY_TABLE = TableIdentifier.of("inventory", "objects");
    private static final long POLL_MILLIS = 100;

    /**
     * Where a delivery's time went.
     *
     * @param eventPathMillis marker uploaded to the report received by inventory-service: S3 notification, SQS,
     *     workflow-trigger (dedup, routing), SQS
     * @param intakeMillis report received to load job sent: manifest read and checksum, crawl, MD5 of every data file
     * @param crawlMillis the schema crawl (inference) within the intake
     * @param verifyMillis streaming every data file through MD5 within the intake
     * @param loaderMillis load job sent to commit: SQS and the loader
     * @param loadJobMillis the loader's own time from taking the job to publishing it (evolve, read, write, publish)
     */
    record Phases(
            long eventPathMillis,
            long intakeMillis,
            long crawlMillis,
            long verifyMillis,
            long loaderMillis,
            long loadJobMillis) {}

    /** A delivery loaded: marker upload to commit, and its phases. */
    record Commit(long endToEndMillis, long rowsAdded, Phases phases) {}

    private final Catalog catalog;
    private final Path ledger;

    TidewaterCommits(Catalog catalog, Path dataDirectory) {
        this.catalog = catalog;
        this.ledger = dataDirectory.resolve("inventory-service.db");
    }

    Commit await(InventoryDeliveries.Delivery delivery, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<HistoryEntry> committed = committedEntry(INVENTORY_TABLE, delivery.idempotencyKey());
            if (committed.isPresent()) {
                Table table = catalog.loadTable(INVENTORY_TABLE);
                Snapshot snapshot = table.snapshot(committed.get().snapshotId());
                long rows = Long.parseLong(snapshot.summary().getOrDefault(SnapshotSummary.ADDED_RECORDS_PROP, "0"));
                long commitMillis = committed.get().timestampMillis();
                Phases phases = phases(delivery, commitMillis, deadline);
                return new Commit(commitMillis - delivery.markerUploadedMillis(), rows, phases);
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new TimeoutException("Cannot see delivery %s committed within %s; see tidewater.log"
                .formatted(delivery.idempotencyKey(), timeout));
    }

    /** The history entry of the snapshot that made a load's rows current in {@code identifier}, once there is one. */
    Optional<HistoryEntry> committedEntry(TableIdentifier identifier, String idempotencyKey) {
        Table table;
        try {
            table = catalog.loadTable(identifier);
        } catch (NoSuchTableException notYet) {
            return Optional.empty();
        }
        for (Snapshot snapshot : table.snapshots()) {
            boolean published = idempotencyKey.equals(snapshot.summary().get(SnapshotSummary.PUBLISHED_WAP_ID_PROP));
            // A staged snapshot whose parent is current is published by fast-forward: it becomes current itself.
            boolean fastForwarded = idempotencyKey.equals(snapshot.summary().get(SnapshotSummary.STAGED_WAP_ID_PROP));
            if (published || fastForwarded) {
                for (HistoryEntry entry : table.history()) {
                    if (entry.snapshotId() == snapshot.snapshotId()) {
                        return Optional.of(entry);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Waits for inventory-service to record the loader's reply, which follows the commit by a queue hop. */
    private Phases phases(InventoryDeliveries.Delivery delivery, long commitMillis, long deadline) throws Exception {
        String query = "SELECT received_at, sent_at, verify_millis, crawl_millis, load_millis FROM reports "
                + "WHERE idempotency_key = ? AND load_millis IS NOT NULL ORDER BY received_at DESC LIMIT 1";
        while (System.nanoTime() < deadline) {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + ledger);
                    PreparedStatement statement = connection.prepareStatement(query)) {
                statement.setString(1, delivery.idempotencyKey());
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next()) {
                        long received = row.getLong("received_at");
                        long sent = row.getLong("sent_at");
                        return new Phases(
                                received - delivery.markerUploadedMillis(),
                                sent - received,
                                row.getLong("crawl_millis"),
                                row.getLong("verify_millis"),
                                commitMillis - sent,
                                row.getLong("load_millis"));
                    }
                }
            } catch (SQLException busy) {
                // the service holds the write lock for a moment; read again
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new TimeoutException(
                "Cannot find the ledger entry of delivery %s in %s".formatted(delivery.idempotencyKey(), ledger));
    }
}
