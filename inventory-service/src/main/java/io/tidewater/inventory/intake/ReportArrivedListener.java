package io.tidewater.inventory.intake;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.contract.InvalidMessageException;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.ReportArrived;
import io.tidewater.inventory.config.InventoryProperties;
import io.tidewater.inventory.ledger.Report;
import io.tidewater.inventory.ledger.ReportStatus;
import io.tidewater.service.messaging.MessageLease;
import io.tidewater.service.messaging.MessageLeases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/** Takes in each inventory report the workflow trigger routes here. */
@Component
class ReportArrivedListener {

    private static final Logger log = LoggerFactory.getLogger(ReportArrivedListener.class);

    private final Reports reports;
    private final SqsTemplate sqs;
    private final InventoryProperties properties;
    private final MessageLeases leases;

    ReportArrivedListener(Reports reports, SqsTemplate sqs, InventoryProperties properties, MessageLeases leases) {
        this.reports = reports;
        this.sqs = sqs;
        this.properties = properties;
        this.leases = leases;
    }

    /**
     * A message that is no {@link ReportArrived}, or a report that is wrong as delivered, is parked on the dead-letter
     * queue with its reason at once: delivering it again cannot help, and nothing of it is loaded. Checking a large
     * report's files takes a while: the message is held on a lease meanwhile.
     */
    @SqsListener("${tidewater.inventory.reports-queue}")
    void onReportArrived(Message<String> message) {
        try (MessageLease lease = leases.hold(message)) {
            handle(message.getPayload());
        }
    }

    private void handle(String body) {
        ReportArrived arrived;
        try {
            arrived = MessageJson.read(body, ReportArrived.class);
        } catch (InvalidMessageException unreadable) {
            log.warn("Rejected message on {}: {}", properties.reportsQueue(), unreadable.getMessage());
            park(body, unreadable.getMessage());
            return;
        }
        Report report = reports.ingest(new ReportRequest.Routed(arrived));
        if (report.status() == ReportStatus.REJECTED) {
            park(body, report.detail());
        }
    }

    private void park(String body, String reason) {
        sqs.send(to ->
                to.queue(properties.reportsQueue() + "-dlq").payload(body).header("tidewater-failure-reason", reason));
    }
}
