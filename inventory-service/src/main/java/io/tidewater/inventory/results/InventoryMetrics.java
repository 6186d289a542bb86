package io.tidewater.inventory.results;

import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.inventory.config.InventoryProperties;
import io.tidewater.inventory.insight.InsightMeters;
import io.tidewater.inventory.ledger.Report;
import io.tidewater.inventory.ledger.ReportLedger;
import io.tidewater.inventory.ledger.ReportStatus;
import io.tidewater.service.metrics.PipelineMeters;
import org.springframework.stereotype.Component;

/** Reports by outcome, as reports of the inventory pipeline, and the insights of each loaded report. */
@Component
public class InventoryMetrics {

    private static final String PIPELINE = "inventory";

    private final PipelineMeters pipelineMeters;
    private final InsightMeters insightMeters;
    private final ReportLedger ledger;
    private final InventoryProperties properties;

    InventoryMetrics(
            MeterRegistry registry, InsightMeters insightMeters, ReportLedger ledger, InventoryProperties properties) {
        this.pipelineMeters = new PipelineMeters(registry);
        this.insightMeters = insightMeters;
        this.ledger = ledger;
        this.properties = properties;
    }

    public void report(PipelineMeters.Outcome outcome) {
        pipelineMeters.file(PIPELINE, properties.table(), outcome);
    }

    /** Publishes the insights of a loaded report, with its growth; a report without insights or rows changes none. */
    public void insights(Report report) {
        if (report.insights() != null && ReportStatus.LOADED.contains(report.status())) {
            insightMeters.publish(report.sourceBucket(), report.insights(), ledger.growth(report));
        }
    }
}
