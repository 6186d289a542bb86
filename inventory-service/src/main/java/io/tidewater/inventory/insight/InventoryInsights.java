package io.tidewater.inventory.insight;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * Exact figures of one inventory report, counted over every row of its data files. A figure is {@code null} when the
 * report lacks the field it needs (an inventory configured without it).
 *
 * @param rows every row: object versions and delete markers
 * @param objects object versions that are not delete markers (current and noncurrent)
 * @param bytes the sum of their sizes
 * @param byStorageClass objects and bytes per storage class ({@code UNKNOWN} when the report leaves it empty)
 * @param notEncrypted objects whose encryption status is {@code NOT-SSE}
 * @param withoutChecksumAlgorithm objects with no checksum algorithm
 * @param deleteMarkers delete markers
 * @param noncurrentVersions objects that are not the latest version
 * @param noncurrentBytes the sum of their sizes
 */
public record InventoryInsights(
        long rows,
        long objects,
        long bytes,
        Map<String, StorageClassTotals> byStorageClass,
        Long notEncrypted,
        Long withoutChecksumAlgorithm,
        Long deleteMarkers,
        Long noncurrentVersions,
        Long noncurrentBytes) {

    public InventoryInsights {
        byStorageClass = new TreeMap<>(requireNonNull(byStorageClass, "byStorageClass is null"));
    }

    /** Objects and bytes of one storage class. */
    public record StorageClassTotals(long objects, long bytes) {}

    /**
     * How a report differs from the previous report of the same bucket and configuration.
     *
     * @param previousReportId the report compared with
     * @param objects objects now minus objects then
     * @param bytes bytes now minus bytes then
     */
    public record Growth(String previousReportId, long objects, long bytes) {
        public static Growth between(String previousReportId, InventoryInsights previous, InventoryInsights current) {
            return new Growth(
                    previousReportId, current.objects() - previous.objects(), current.bytes() - previous.bytes());
        }
    }
}
