package io.tidewater.loader.maintenance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How one table is kept.
 *
 * @param every how often the schedule maintains the table
 * @param snapshotsKept the newest snapshots of the table's history kept whatever their age
 * @param snapshotAge published snapshots older than this, beyond {@code snapshotsKept}, are expired; a table's
 *     snapshots remember which loads it holds, so this is never shorter than the maintenance's idempotency window
 * @param stagedSnapshotAge snapshots a load staged but never published (a crashed or refused load) are expired once
 *     this old: a job delivered again within it publishes the staged rows instead of writing them again
 * @param compact whether small data files are rewritten into files of the target size, within their partition
 * @param targetFileSizeBytes the size compaction writes; 0 takes the table's {@code write.target-file-size-bytes}
 * @param minInputFiles a partition is compacted once it has at least this many files to rewrite
 * @param rewriteManifests whether small manifests are rewritten into fewer, so that planning a read stays quick
 * @param orphanFileAge files in the table's location that no snapshot references are removed once this old; files a
 *     load is still writing are younger, so this must exceed the longest load
 * @param retention which deliveries' rows to keep; absent (the default) keeps every delivery
 */
public record MaintenancePolicy(
        @DefaultValue("P1D") @NotNull Duration every,
        @DefaultValue("10") @Positive int snapshotsKept,
        @DefaultValue("P30D") @NotNull Duration snapshotAge,
        @DefaultValue("P1D") @NotNull Duration stagedSnapshotAge,
        @DefaultValue("true") boolean compact,
        @DefaultValue("0") @PositiveOrZero long targetFileSizeBytes,
        @DefaultValue("5") @Positive int minInputFiles,
        @DefaultValue("true") boolean rewriteManifests,
        @DefaultValue("P3D") @NotNull Duration orphanFileAge,
        @Valid DeliveryRetention retention) {

    /** The binding's defaults, for a table no configured pattern matches. */
    public static final MaintenancePolicy DEFAULTS = new MaintenancePolicy(
            Duration.ofDays(1),
            10,
            Duration.ofDays(30),
            Duration.ofDays(1),
            true,
            0,
            5,
            true,
            Duration.ofDays(3),
            null);

    public MaintenancePolicy {
        requireNotNegative("every", every);
        requireNotNegative("snapshot-age", snapshotAge);
        requireNotNegative("staged-snapshot-age", stagedSnapshotAge);
        requireNotNegative("orphan-file-age", orphanFileAge);
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value != null && value.isNegative()) {
            throw new IllegalArgumentException(
                    "Cannot configure table maintenance: %s is %s, a negative duration".formatted(name, value));
        }
    }
}
