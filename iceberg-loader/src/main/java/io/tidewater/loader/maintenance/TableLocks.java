package io.tidewater.loader.maintenance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.springframework.stereotype.Component;

/**
 * Keeps maintenance off a table while a load of it runs. Loads share a table; a maintenance step takes it alone, and
 * only when no load holds it, so a step is skipped rather than a load held up. A load that arrives during a step waits
 * for that one step (each step of a run takes the table anew), never for the whole run.
 *
 * <p>The locks are this loader's own: loaders on other hosts are kept apart by Iceberg's optimistic commits, which
 * refuse a rewrite or a replacing load whose files the other changed, and by the ages below which maintenance leaves
 * staged snapshots and unreferenced files alone.
 */
@Component
public class TableLocks {

    private final ConcurrentMap<String, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();

    /** What a holder releases when it is done with its tables. */
    @FunctionalInterface
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /** Holds the tables for a load, waiting for a maintenance step that is running on one of them. */
    public Lease loading(Collection<String> tables) {
        List<ReentrantReadWriteLock.ReadLock> held = new ArrayList<>();
        // In name order, so that two holders of overlapping tables can never wait for each other.
        for (String table : new TreeSet<>(tables)) {
            ReentrantReadWriteLock.ReadLock lock = lockOf(table).readLock();
            lock.lock();
            held.add(lock);
        }
        return () -> held.forEach(ReentrantReadWriteLock.ReadLock::unlock);
    }

    /** Holds the table for one maintenance step, or nothing when a load of it is running. */
    Optional<Lease> maintaining(String table) {
        ReentrantReadWriteLock.WriteLock lock = lockOf(table).writeLock();
        boolean acquired;
        try {
            // The timed form keeps the fair lock's order: loads already waiting go first.
            acquired = lock.tryLock(0, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return acquired ? Optional.of(lock::unlock) : Optional.empty();
    }

    /** Whether a load of the table is running now. */
    boolean isLoading(String table) {
        ReentrantReadWriteLock lock = locks.get(key(table));
        return lock != null && lock.getReadLockCount() > 0;
    }

    private ReentrantReadWriteLock lockOf(String table) {
        return locks.computeIfAbsent(key(table), name -> new ReentrantReadWriteLock(true));
    }

    private static String key(String table) {
        return table.toLowerCase(java.util.Locale.ROOT);
    }
}
