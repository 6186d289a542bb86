package io.tidewater.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The latest figure per name and tags, under the Prometheus names the dashboard and README rely on. */
class GaugeValuesTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final GaugeValues gauges = new GaugeValues(registry);

    @Test
    void showsTheLatestFigureOfEachNameAndTags() {
        Tags bucket = Tags.of(PipelineMeters.SOURCE_BUCKET, "photos");

        gauges.set(PipelineMeters.INVENTORY_BUCKET_OBJECTS, null, bucket, 10);
        gauges.set(PipelineMeters.INVENTORY_BUCKET_OBJECTS, null, bucket, 12);
        gauges.set(PipelineMeters.INVENTORY_OBJECTS, null, bucket.and(PipelineMeters.STORAGE_CLASS, "GLACIER"), 3);
        gauges.set(
                PipelineMeters.BILLING_UNBLENDED_COST,
                "Total unblended cost of the billing period the table holds",
                Tags.of(PipelineMeters.TABLE, "billing.cur", PipelineMeters.BILLING_PERIOD, "2026-01"),
                41.5);

        assertThat(registry.scrape())
                .contains("tidewater_inventory_bucket_objects{source_bucket=\"photos\"} 12.0")
                .contains("tidewater_inventory_objects{source_bucket=\"photos\",storage_class=\"GLACIER\"} 3.0")
                .contains("tidewater_billing_unblended_cost{billing_period=\"2026-01\",table=\"billing.cur\"} 41.5");
    }
}
