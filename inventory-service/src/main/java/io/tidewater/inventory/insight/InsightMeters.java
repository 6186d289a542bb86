package io.tidewater.inventory.insight;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tidewater.service.metrics.GaugeValues;
import io.tidewater.service.metrics.PipelineMeters;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The newest report's insights per source bucket as Micrometer gauges, such as {@link PipelineMeters#INVENTORY_OBJECTS}
 * tagged by {@code source_bucket} and {@code storage_class}.
 */
@Component
public class InsightMeters {

    private final GaugeValues gauges;
    private final Map<String, Set<String>> storageClasses = new ConcurrentHashMap<>();

    InsightMeters(MeterRegistry meters) {
        this.gauges = new GaugeValues(meters);
    }

    /** Publishes a loaded report's figures; a figure the report lacks is left as it was. */
    public void publish(String sourceBucket, InventoryInsights insights, InventoryInsights.Growth growth) {
        Tags bucket = Tags.of(PipelineMeters.SOURCE_BUCKET, sourceBucket);
        set(PipelineMeters.INVENTORY_ROWS, bucket, insights.rows());
        set(PipelineMeters.INVENTORY_BUCKET_OBJECTS, bucket, insights.objects());
        set(PipelineMeters.INVENTORY_BUCKET_BYTES, bucket, insights.bytes());
        // A storage class that emptied since the last report reads 0, not its old figure.
        Set<String> classes = storageClasses.computeIfAbsent(sourceBucket, name -> ConcurrentHashMap.newKeySet());
        classes.addAll(insights.byStorageClass().keySet());
        for (String storageClass : classes) {
            InventoryInsights.StorageClassTotals totals = insights.byStorageClass()
                    .getOrDefault(storageClass, new InventoryInsights.StorageClassTotals(0, 0));
            Tags tags = bucket.and(PipelineMeters.STORAGE_CLASS, storageClass);
            set(PipelineMeters.INVENTORY_OBJECTS, tags, totals.objects());
            set(PipelineMeters.INVENTORY_BYTES, tags, totals.bytes());
        }
        setIfKnown(PipelineMeters.INVENTORY_OBJECTS_NOT_ENCRYPTED, bucket, insights.notEncrypted());
        setIfKnown(PipelineMeters.INVENTORY_OBJECTS_WITHOUT_CHECKSUM, bucket, insights.withoutChecksumAlgorithm());
        setIfKnown(PipelineMeters.INVENTORY_DELETE_MARKERS, bucket, insights.deleteMarkers());
        setIfKnown(PipelineMeters.INVENTORY_NONCURRENT_VERSIONS, bucket, insights.noncurrentVersions());
        setIfKnown(PipelineMeters.INVENTORY_NONCURRENT_BYTES, bucket, insights.noncurrentBytes());
        if (growth != null) {
            set(PipelineMeters.INVENTORY_GROWTH_OBJECTS, bucket, growth.objects());
            set(PipelineMeters.INVENTORY_GROWTH_BYTES, bucket, growth.bytes());
        }
    }

    private void setIfKnown(String name, Tags tags, Long value) {
        if (value != null) {
            set(name, tags, value);
        }
    }

    private void set(String name, Tags tags, long value) {
        gauges.set(name, null, tags, value);
    }
}
