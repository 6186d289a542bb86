package io.tidewater.inventory.insight;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The newest report's insights per source bucket as Micrometer gauges, such as {@code tidewater.inventory.objects}
 * tagged by {@code source_bucket} and {@code storage_class}.
 */
@Component
public class InsightMeters {

    private final MeterRegistry meters;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> storageClasses = new ConcurrentHashMap<>();

    InsightMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Publishes a loaded report's figures; a figure the report lacks is left as it was. */
    public void publish(String sourceBucket, InventoryInsights insights, InventoryInsights.Growth growth) {
        Tags bucket = Tags.of("source_bucket", sourceBucket);
        set("tidewater.inventory.rows", bucket, insights.rows());
        // Not "....total": Prometheus keeps that suffix for counters and would map these onto the per-class gauges.
        set("tidewater.inventory.bucket.objects", bucket, insights.objects());
        set("tidewater.inventory.bucket.bytes", bucket, insights.bytes());
        // A storage class that emptied since the last report reads 0, not its old figure.
        Set<String> classes = storageClasses.computeIfAbsent(sourceBucket, name -> ConcurrentHashMap.newKeySet());
        classes.addAll(insights.byStorageClass().keySet());
        for (String storageClass : classes) {
            InventoryInsights.StorageClassTotals totals = insights.byStorageClass()
                    .getOrDefault(storageClass, new InventoryInsights.StorageClassTotals(0, 0));
            Tags tags = bucket.and("storage_class", storageClass);
            set("tidewater.inventory.objects", tags, totals.objects());
            set("tidewater.inventory.bytes", tags, totals.bytes());
        }
        setIfKnown("tidewater.inventory.objects.not-encrypted", bucket, insights.notEncrypted());
        setIfKnown("tidewater.inventory.objects.without-checksum", bucket, insights.withoutChecksumAlgorithm());
        setIfKnown("tidewater.inventory.delete-markers", bucket, insights.deleteMarkers());
        setIfKnown("tidewater.inventory.noncurrent.versions", bucket, insights.noncurrentVersions());
        setIfKnown("tidewater.inventory.noncurrent.bytes", bucket, insights.noncurrentBytes());
        if (growth != null) {
            set("tidewater.inventory.growth.objects", bucket, growth.objects());
            set("tidewater.inventory.growth.bytes", bucket, growth.bytes());
        }
    }

    private void setIfKnown(String name, Tags tags, Long value) {
        if (value != null) {
            set(name, tags, value);
        }
    }

    private void set(String name, Tags tags, long value) {
        values.computeIfAbsent(name + "|" + tags, key -> {
                    AtomicLong holder = new AtomicLong();
                    Gauge.builder(name, holder, AtomicLong::get).tags(tags).register(meters);
                    return holder;
                })
                .set(value);
    }
}
