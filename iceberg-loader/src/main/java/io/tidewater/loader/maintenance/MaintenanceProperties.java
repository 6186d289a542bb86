package io.tidewater.loader.maintenance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Table maintenance under {@code tidewater.loader.maintenance}.
 *
 * @param enabled whether the schedule runs; the admin API maintains a table on request either way
 * @param checkEvery how often the schedule looks for tables whose maintenance is due
 * @param idempotencyWindow how long after a load its job may still be delivered again (the jobs queue's and its
 *     dead-letter queue's retention together): the table's snapshots are what tells such a delivery that its rows are
 *     in, so no policy expires snapshots younger than this
 * @param selfMaintainedCatalogs whether catalogs that maintain their tables themselves (Amazon S3 Tables) are
 *     maintained here too; off by default, so that their own upkeep is not doubled
 * @param defaults the policy of a table no pattern of {@code tables} matches
 * @param tables policies by table-name glob ({@code inventory.*}, {@code billing.*}); the first matching pattern in
 *     configuration order wins
 */
@Validated
@ConfigurationProperties("tidewater.loader.maintenance")
public record MaintenanceProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("PT15M") @NotNull Duration checkEvery,
        @DefaultValue("P18D") @NotNull Duration idempotencyWindow,
        @DefaultValue("false") boolean selfMaintainedCatalogs,
        @DefaultValue @Valid MaintenancePolicy defaults,
        Map<String, @Valid MaintenancePolicy> tables) {

    public MaintenanceProperties {
        defaults = defaults == null ? MaintenancePolicy.DEFAULTS : defaults;
        tables = tables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        requireWithinWindow("defaults", defaults, idempotencyWindow);
        tables.forEach((pattern, policy) -> requireWithinWindow(pattern, policy, idempotencyWindow));
    }

    /** The policy of a table by its name ({@code namespace.table}). */
    public MaintenancePolicy policyOf(String table) {
        Path name = Path.of(table);
        for (Map.Entry<String, MaintenancePolicy> entry : tables.entrySet()) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + entry.getKey());
            if (matcher.matches(name)) {
                return entry.getValue();
            }
        }
        return defaults;
    }

    private static void requireWithinWindow(String tables, MaintenancePolicy policy, Duration window) {
        if (window != null && policy.snapshotAge().compareTo(window) < 0) {
            throw new IllegalArgumentException(("Cannot configure the maintenance of %s: snapshot-age %s is shorter"
                            + " than the idempotency window %s, so a load job delivered again after its snapshot"
                            + " expired would load its rows a second time")
                    .formatted(tables, policy.snapshotAge(), window));
        }
    }
}
