package io.tidewater.inventory.intake;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.tidewater.contract.ReportArrived;
import io.tidewater.inventory.config.InventoryProperties;
import io.tidewater.inventory.ledger.Report;
import io.tidewater.inventory.ledger.ReportStatus;
import io.tidewater.service.messaging.DeadLetters;
import io.tidewater.service.messaging.MessageLease;
import io.tidewater.service.messaging.MessageLeases;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/** Takes in each inventory report the workflow trigger routes here. */
@Component
class ReportArrivedListener {

    private final Reports reports;
    private final DeadLetters deadLetters;
    private final InventoryProperties properties;
    private final MessageLeases leases;

    ReportArrivedListener(
            Reports reports, DeadLetters deadLetters, InventoryProperties properties, MessageLeases leases) {
        this.reports = reports;
        this.deadLetters = deadLetters;
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
        deadLetters
                .readOrPark(properties.reportsQueue(), body, ReportArrived.class)
                .ifPresent(arrived -> {
                    Report report = reports.ingest(new ReportRequest.Routed(arrived));
                    if (report.status() == ReportStatus.REJECTED) {
                        deadLetters.park(properties.reportsQueue(), body, report.detail());
                    }
                });
    }
}
