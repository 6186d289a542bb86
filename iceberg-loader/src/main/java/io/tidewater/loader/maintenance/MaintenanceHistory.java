package io.tidewater.loader.maintenance;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The last runs per table, newest first, as long as the loader runs. What a run changed stays in the table itself: its
 * rewrites are snapshots of their own, and expired snapshots are gone from its history.
 */
@Component
class MaintenanceHistory {

    static final int RUNS_KEPT = 20;

    private final Map<String, Deque<MaintenanceRun>> runs = new ConcurrentHashMap<>();

    void record(MaintenanceRun run) {
        Deque<MaintenanceRun> ofTable =
                runs.computeIfAbsent(key(run.catalog(), run.table()), key -> new ArrayDeque<>());
        synchronized (ofTable) {
            ofTable.addFirst(run);
            while (ofTable.size() > RUNS_KEPT) {
                ofTable.removeLast();
            }
        }
    }

    List<MaintenanceRun> runsOf(String catalog, String table) {
        Deque<MaintenanceRun> ofTable = runs.get(key(catalog, table));
        if (ofTable == null) {
            return List.of();
        }
        synchronized (ofTable) {
            return List.copyOf(ofTable);
        }
    }

    /** The last run that changed the table, for the schedule: dry runs and busy ones do not count. */
    Optional<MaintenanceRun> lastDone(String catalog, String table) {
        return runsOf(catalog, table).stream()
                .filter(run -> !run.dryRun() && run.outcome() != MaintenanceRun.Outcome.BUSY)
                .findFirst();
    }

    private static String key(String catalog, String table) {
        return (catalog + "." + table).toLowerCase(Locale.ROOT);
    }
}
