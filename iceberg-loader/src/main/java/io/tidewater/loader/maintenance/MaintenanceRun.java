package io.tidewater.loader.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One maintenance of one table, or what one would do ({@code dryRun}), with the table's figures before and after.
 *
 * @param detail why the run ended as it did, when it did not complete: the busy step, the failure's message
 */
public record MaintenanceRun(
        String catalog,
        String table,
        boolean dryRun,
        Instant startedAt,
        Duration duration,
        Outcome outcome,
        TableFigures before,
        TableFigures after,
        DeliveryExpiry deliveries,
        SnapshotExpiry snapshots,
        Compaction compaction,
        ManifestRewrite manifests,
        OrphanRemoval orphans,
        String detail) {

    /** How a run ended. */
    public enum Outcome {
        /** Every step of the policy ran, or was planned in a dry run. */
        COMPLETED,
        /** A load took the table between steps: the steps after it wait for the next run. */
        PARTIAL,
        /** A load of the table was running: nothing was done. */
        BUSY,
        /** The catalog maintains its tables itself (S3 Tables): nothing was done. */
        SELF_MAINTAINED,
        /** A step failed; the steps before it stay done. */
        FAILED
    }

    /** How one step ended. */
    public enum StepOutcome {
        DONE,
        /** A dry run: what the step would do, with nothing changed. */
        PLANNED,
        /** Off in the table's policy. */
        DISABLED,
        /** Not reached: a load held the table, or an earlier step failed. */
        NOT_RUN
    }

    /** What the table holds: its snapshots, the data files and bytes of its current snapshot, and its manifests. */
    public record TableFigures(int snapshots, long dataFiles, long dataBytes, int manifests) {}

    /**
     * Deliveries whose rows retention deleted, whole files at a time (no file rewritten).
     *
     * @param deliveries the deleted deliveries, as {@code group values/date}, oldest first
     */
    public record DeliveryExpiry(StepOutcome outcome, int dataFiles, long records, List<String> deliveries) {
        static DeliveryExpiry notRun(StepOutcome outcome) {
            return new DeliveryExpiry(outcome, 0, 0, List.of());
        }
    }

    /**
     * Snapshots expired: by age beyond the newest kept, and staged ones never published.
     *
     * @param snapshotIds the expired snapshots, oldest first
     */
    public record SnapshotExpiry(StepOutcome outcome, int expired, int staged, List<Long> snapshotIds) {
        static SnapshotExpiry notRun(StepOutcome outcome) {
            return new SnapshotExpiry(outcome, 0, 0, List.of());
        }
    }

    /** Small data files rewritten into files of the target size, in groups within one partition each. */
    public record Compaction(StepOutcome outcome, int groups, int rewrittenFiles, long rewrittenBytes, int addedFiles) {
        static Compaction notRun(StepOutcome outcome) {
            return new Compaction(outcome, 0, 0, 0, 0);
        }
    }

    /** Small manifests rewritten into fewer. */
    public record ManifestRewrite(StepOutcome outcome, int rewritten, int added) {
        static ManifestRewrite notRun(StepOutcome outcome) {
            return new ManifestRewrite(outcome, 0, 0);
        }
    }

    /**
     * Files in the table's location that no snapshot references, older than the policy's age.
     *
     * @param locations the first {@value TableUpkeep#LISTED_ORPHANS} of them
     */
    public record OrphanRemoval(StepOutcome outcome, int removed, List<String> locations) {
        static OrphanRemoval notRun(StepOutcome outcome) {
            return new OrphanRemoval(outcome, 0, List.of());
        }
    }
}
