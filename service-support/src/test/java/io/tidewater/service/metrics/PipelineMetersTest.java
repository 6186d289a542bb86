package io.tidewater.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The names Prometheus scrapes are what the Grafana dashboard and the README's metric table rely on. */
class PipelineMetersTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PipelineMeters meters = new PipelineMeters(registry);

    @Test
    void exportsTheTriggersCountersUnderTheirDocumentedNames() {
        meters.eventReceived("inventory");
        meters.eventRejected(PipelineMeters.NO_PIPELINE, "bucket-not-allowed");
        meters.runStarted("inventory", "EVENT");
        meters.runUpdateRejected();
        meters.runFinished("billing", "FAILED");

        assertThat(registry.scrape())
                .contains("tidewater_events_received_total{pipeline=\"inventory\"} 1.0")
                .contains("tidewater_events_rejected_total{pipeline=\"none\",reason=\"bucket-not-allowed\"} 1.0")
                .contains("tidewater_runs_started_total{pipeline=\"inventory\",source=\"EVENT\"} 1.0")
                .contains("tidewater_run_updates_rejected_total 1.0")
                .as("the name and tags infra/compose/prometheus/alerts.yml counts failed runs by")
                .contains("tidewater_runs_finished_total{pipeline=\"billing\",state=\"failed\"} 1.0");
    }

    @Test
    void exportsTheStageMetersUnderTheirDocumentedNames() {
        meters.file("inventory", "inventory.objects", PipelineMeters.Outcome.SUCCEEDED);
        meters.rowsLoaded("inventory.objects", 10);
        meters.rowsQuarantined("inventory.objects", 2);
        meters.schemaChanges("inventory.objects", 1);
        meters.loadDuration("inventory.objects", PipelineMeters.Outcome.SUCCEEDED, Duration.ofSeconds(3));
        meters.freshness("inventory", "inventory.objects", Duration.ofMinutes(5));
        meters.queueLag("tidewater-load-jobs", Duration.ofSeconds(1));
        meters.maintenance("inventory.objects", "COMPLETED", Duration.ofSeconds(2), 7, 10, 1, 4096, 1);

        assertThat(registry.scrape())
                .contains(
                        "tidewater_files_total{outcome=\"succeeded\",pipeline=\"inventory\",table=\"inventory.objects\"}")
                .contains("tidewater_rows_loaded_total{table=\"inventory.objects\"} 10.0")
                .contains("tidewater_rows_quarantined_total{table=\"inventory.objects\"} 2.0")
                .contains("tidewater_schema_changes_total{table=\"inventory.objects\"} 1.0")
                .contains("tidewater_load_duration_seconds_count{outcome=\"succeeded\",table=\"inventory.objects\"} 1")
                .contains("tidewater_freshness_seconds_count{pipeline=\"inventory\",table=\"inventory.objects\"} 1")
                .contains("tidewater_queue_lag_seconds_count{queue=\"tidewater-load-jobs\"} 1")
                .contains(
                        "tidewater_maintenance_duration_seconds_count{outcome=\"completed\",table=\"inventory.objects\"} 1")
                .contains("tidewater_maintenance_snapshots_expired_total{table=\"inventory.objects\"} 7.0")
                .contains("tidewater_maintenance_files_rewritten_total{table=\"inventory.objects\"} 10.0")
                .contains("tidewater_maintenance_orphan_files_removed_total{table=\"inventory.objects\"} 1.0");
    }
}
