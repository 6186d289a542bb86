package io.tidewater.billing.intake;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.tidewater.billing.config.BillingProperties;
import io.tidewater.billing.manifest.InvalidDeliveryException;
import io.tidewater.billing.results.BillingMetrics;
import io.tidewater.contract.ReportArrived;
import io.tidewater.contract.RunState;
import io.tidewater.service.messaging.DeadLetters;
import io.tidewater.service.messaging.MessageLease;
import io.tidewater.service.messaging.MessageLeases;
import io.tidewater.service.messaging.RunUpdatesClient;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/** Takes CUR and Data Exports manifests the trigger announces, one at a time. */
@Component
class ReportArrivedListener {

    private static final Logger log = LoggerFactory.getLogger(ReportArrivedListener.class);

    private final Deliveries deliveries;
    private final DeadLetters deadLetters;
    private final RunUpdatesClient runUpdates;
    private final BillingMetrics metrics;
    private final BillingProperties properties;
    private final MessageLeases leases;

    ReportArrivedListener(
            Deliveries deliveries,
            DeadLetters deadLetters,
            RunUpdatesClient runUpdates,
            BillingMetrics metrics,
            BillingProperties properties,
            MessageLeases leases) {
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.runUpdates = runUpdates;
        this.properties = properties;
        this.leases = leases;
    }

    /**
     * One message at a time, so that deliveries of a period are ordered by the ledger without racing, and streaming
     * stays within the machine. A delivery that is wrong as delivered is parked on the dead-letter queue with its reason
     * at once; any other failure is retried by SQS. A scan streams the whole delivery: the message is held on a lease
     * meanwhile.
     */
    @SqsListener(value = "${tidewater.billing.reports-queue}", maxConcurrentMessages = "1", maxMessagesPerPoll = "1")
    void onReportArrived(Message<String> message) {
        try (MessageLease lease = leases.hold(message)) {
            handle(message.getPayload());
        }
    }

    private void handle(String body) {
        Optional<ReportArrived> read = deadLetters.readOrPark(properties.reportsQueue(), body, ReportArrived.class);
        if (read.isEmpty()) {
            metrics.rejected();
            return;
        }
        ReportArrived arrived = read.get();
        try {
            deliveries.arrived(arrived);
        } catch (InvalidDeliveryException invalid) {
            log.warn("Run {}: rejected delivery {}: {}", arrived.runId(), arrived.uri(), invalid.getMessage());
            park(body, invalid.getMessage());
            runUpdates.send(arrived.runId(), RunState.FAILED, null, 0, invalid.getMessage());
        }
    }

    private void park(String body, String reason) {
        metrics.rejected();
        deadLetters.park(properties.reportsQueue(), body, reason);
    }
}
