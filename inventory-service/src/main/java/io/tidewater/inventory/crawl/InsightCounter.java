package io.tidewater.inventory.crawl;

import io.tidewater.inventory.insight.InventoryInsights;
import io.tidewater.inventory.insight.InventoryInsights.StorageClassTotals;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Adds up rows into {@link InventoryInsights}; one per report, fed by one thread. */
final class InsightCounter {

    static final String IS_LATEST = "is_latest";
    static final String IS_DELETE_MARKER = "is_delete_marker";
    static final String SIZE = "size";
    static final String STORAGE_CLASS = "storage_class";
    static final String ENCRYPTION_STATUS = "encryption_status";
    static final String CHECKSUM_ALGORITHM = "checksum_algorithm";

    private final boolean hasLatest;
    private final boolean hasDeleteMarker;
    private final boolean hasEncryption;
    private final boolean hasChecksumAlgorithm;
    private final Map<String, long[]> byStorageClass = new HashMap<>();
    private long rows;
    private long objects;
    private long bytes;
    private long notEncrypted;
    private long withoutChecksumAlgorithm;
    private long deleteMarkers;
    private long noncurrentVersions;
    private long noncurrentBytes;

    /** @param columns the report's column names, snake_case */
    InsightCounter(Set<String> columns) {
        this.hasLatest = columns.contains(IS_LATEST);
        this.hasDeleteMarker = columns.contains(IS_DELETE_MARKER);
        this.hasEncryption = columns.contains(ENCRYPTION_STATUS);
        this.hasChecksumAlgorithm = columns.contains(CHECKSUM_ALGORITHM);
    }

    /** One row; {@code null} stands for an empty or missing value. */
    void add(
            Boolean isLatest,
            Boolean isDeleteMarker,
            Long size,
            String storageClass,
            String encryptionStatus,
            String checksumAlgorithm) {
        rows++;
        if (Boolean.TRUE.equals(isDeleteMarker)) {
            deleteMarkers++;
            return;
        }
        long objectBytes = size == null ? 0 : size;
        objects++;
        bytes += objectBytes;
        long[] totals =
                byStorageClass.computeIfAbsent(isEmpty(storageClass) ? "UNKNOWN" : storageClass, name -> new long[2]);
        totals[0]++;
        totals[1] += objectBytes;
        if ("NOT-SSE".equals(encryptionStatus)) {
            notEncrypted++;
        }
        if (isEmpty(checksumAlgorithm)) {
            withoutChecksumAlgorithm++;
        }
        if (Boolean.FALSE.equals(isLatest)) {
            noncurrentVersions++;
            noncurrentBytes += objectBytes;
        }
    }

    /** Adds another counter's rows, such as one data file's. */
    void merge(InsightCounter other) {
        rows += other.rows;
        objects += other.objects;
        bytes += other.bytes;
        notEncrypted += other.notEncrypted;
        withoutChecksumAlgorithm += other.withoutChecksumAlgorithm;
        deleteMarkers += other.deleteMarkers;
        noncurrentVersions += other.noncurrentVersions;
        noncurrentBytes += other.noncurrentBytes;
        other.byStorageClass.forEach((name, totals) -> {
            long[] mine = byStorageClass.computeIfAbsent(name, key -> new long[2]);
            mine[0] += totals[0];
            mine[1] += totals[1];
        });
    }

    InventoryInsights insights() {
        Map<String, StorageClassTotals> classes = new HashMap<>();
        byStorageClass.forEach((name, totals) -> classes.put(name, new StorageClassTotals(totals[0], totals[1])));
        return new InventoryInsights(
                rows,
                objects,
                bytes,
                classes,
                hasEncryption ? notEncrypted : null,
                hasChecksumAlgorithm ? withoutChecksumAlgorithm : null,
                hasDeleteMarker ? deleteMarkers : null,
                hasLatest ? noncurrentVersions : null,
                hasLatest ? noncurrentBytes : null);
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
