package io.tidewater.loader.load;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * What a table's snapshots say about earlier loads. The idempotency key travels as the write-audit-publish id, so the
 * table itself remembers which loads it holds.
 */
public final class LoadHistory {

    /** What every snapshot summary property of a load starts with. */
    static final String PROPERTY_PREFIX = "tidewater.";

    /** Snapshot summary properties of a load. */
    public static final String IDEMPOTENCY_KEY = PROPERTY_PREFIX + "idempotency-key";

    public static final String JOB_ID = "tidewater.job-id";
    public static final String RUN_ID = "tidewater.run-id";
    public static final String SOURCE_FILES = "tidewater.source-files";

    /** The text values besides the empty field that the load read as null, comma-separated; absent when none. */
    public static final String NULL_TOKENS = PROPERTY_PREFIX + "null-tokens";

    /** The schema id the load's own schema change created; absent when the load changed no schema. */
    public static final String INTRODUCED_SCHEMA_ID = "tidewater.introduced-schema-id";

    private LoadHistory() {}

    /** The snapshot in the current ancestry that published the key, if any. */
    static Optional<Snapshot> publishedSnapshot(Table table, String idempotencyKey) {
        if (table.currentSnapshot() == null) {
            return Optional.empty();
        }
        for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
            if (carries(snapshot, idempotencyKey)) {
                return Optional.of(snapshot);
            }
        }
        return Optional.empty();
    }

    /** The newest snapshot staged for the key but not yet published. */
    static Optional<Snapshot> stagedSnapshot(Table table, String idempotencyKey) {
        Set<Long> ancestors = table.currentSnapshot() == null
                ? Set.of()
                : StreamSupport.stream(SnapshotUtil.currentAncestors(table).spliterator(), false)
                        .map(Snapshot::snapshotId)
                        .collect(Collectors.toSet());
        return StreamSupport.stream(table.snapshots().spliterator(), false)
                .filter(snapshot -> idempotencyKey.equals(snapshot.summary().get(SnapshotSummary.STAGED_WAP_ID_PROP)))
                .filter(snapshot -> !ancestors.contains(snapshot.snapshotId()))
                .max(Comparator.comparingLong(Snapshot::sequenceNumber).thenComparingLong(Snapshot::timestampMillis));
    }

    static long addedRecords(Snapshot snapshot) {
        String added = snapshot.summary().get(SnapshotSummary.ADDED_RECORDS_PROP);
        return added == null ? 0 : Long.parseLong(added);
    }

    private static boolean carries(Snapshot snapshot, String idempotencyKey) {
        return idempotencyKey.equals(snapshot.summary().get(SnapshotSummary.PUBLISHED_WAP_ID_PROP))
                || idempotencyKey.equals(snapshot.summary().get(SnapshotSummary.STAGED_WAP_ID_PROP))
                || idempotencyKey.equals(snapshot.summary().get(IDEMPOTENCY_KEY));
    }
}
