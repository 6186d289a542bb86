package io.tidewater.service.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gauges that show the latest figure a stage set for each name and tags, such as a bucket's object count from its newest
 * inventory report or a billing period's cost: the gauge is registered on the first figure and reads the latest one
 * from then on.
 */
public final class GaugeValues {

    private final MeterRegistry meters;
    private final Map<String, AtomicReference<Double>> values = new ConcurrentHashMap<>();

    public GaugeValues(MeterRegistry meters) {
        this.meters = requireNonNull(meters, "meters is null");
    }

    /**
     * Sets the figure of the gauge with this name and tags.
     *
     * @param description the gauge's description, or {@code null}
     */
    public void set(String name, String description, Tags tags, double value) {
        values.computeIfAbsent(name + "|" + tags, key -> {
                    AtomicReference<Double> holder = new AtomicReference<>(0.0);
                    Gauge.builder(name, holder, AtomicReference::get)
                            .description(description)
                            .tags(tags)
                            .register(meters);
                    return holder;
                })
                .set(value);
    }
}
