package io.tidewater.inventory.intake;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.tidewater.contract.ReportArrived;
import io.tidewater.inventory.ledger.Report;
import io.tidewater.inventory.ledger.ReportStatus;
import io.tidewater.service.messaging.StageMessages;
import java.util.Optional;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/** Takes in each inventory report the workflow trigger routes here. */
@Component
class ReportArrivedListener {

    private final Reports reports;
    private final StageMessages stage;

    ReportArrivedListener(Reports reports, StageMessages stage) {
        this.reports = reports;
        this.stage = stage;
    }

    /**
     * A report that is wrong as delivered is parked on the dead-letter queue with its reason at once: delivering it
     * again cannot help, and nothing of it is loaded. Checking a large report's files takes a while: the message is held
     * on a lease meanwhile.
     */
    @SqsListener("${tidewater.inventory.reports-queue}")
    void onReportArrived(Message<ReportArrived> message) {
        stage.work(message, arrived -> {
            Report report = reports.ingest(new ReportRequest.Routed(arrived));
            return report.status() == ReportStatus.REJECTED ? Optional.of(report.detail()) : Optional.empty();
        });
    }
}
