package io.tidewater.inventory.report;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.ReportArrived;
import io.tidewater.inventory.config.InventoryProperties;
import org.springframework.stereotype.Component;

/** Takes in each inventory report the workflow trigger routes here. */
@Component
class ReportArrivedListener {

    private final Reports reports;
    private final SqsTemplate sqs;
    private final InventoryProperties properties;

    ReportArrivedListener(Reports reports, SqsTemplate sqs, InventoryProperties properties) {
        this.reports = reports;
        this.sqs = sqs;
        this.properties = properties;
    }

    /**
     * A report that is wrong as delivered is parked on the dead-letter queue with its reason at once: delivering it
     * again cannot help, and nothing of it is loaded.
     */
    @SqsListener("${tidewater.inventory.reports-queue}")
    void onReportArrived(String body) {
        ReportArrived arrived = MessageJson.read(body, ReportArrived.class);
        Report report = reports.ingest(new ReportRequest.Routed(arrived));
        if (report.status() == ReportStatus.REJECTED) {
            sqs.send(to -> to.queue(properties.reportsQueue() + "-dlq")
                    .payload(body)
                    .header("tidewater-failure-reason", report.detail()));
        }
    }
}
