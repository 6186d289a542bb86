package io.tidewater.billing.intake;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.tidewater.billing.config.BillingProperties;
import io.tidewater.billing.manifest.InvalidDeliveryException;
import io.tidewater.billing.results.BillingMetrics;
import io.tidewater.contract.ReportArrived;
import io.tidewater.contract.RunState;
import io.tidewater.service.messaging.RunUpdatesClient;
import io.tidewater.service.messaging.StageMessages;
import io.tidewater.service.messaging.UnreadableMessageParked;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/** Takes CUR and Data Exports manifests the trigger announces, one at a time. */
@Component
class ReportArrivedListener {

    private static final Logger log = LoggerFactory.getLogger(ReportArrivedListener.class);

    private final Deliveries deliveries;
    private final StageMessages stage;
    private final RunUpdatesClient runUpdates;
    private final BillingMetrics metrics;
    private final BillingProperties properties;

    ReportArrivedListener(
            Deliveries deliveries,
            StageMessages stage,
            RunUpdatesClient runUpdates,
            BillingMetrics metrics,
            BillingProperties properties) {
        this.deliveries = deliveries;
        this.stage = stage;
        this.runUpdates = runUpdates;
        this.metrics = metrics;
        this.properties = properties;
    }

    /**
     * One message at a time, so that deliveries of a period are ordered by the ledger without racing, and streaming
     * stays within the machine. A delivery that is wrong as delivered is parked on the dead-letter queue with its reason
     * at once; any other failure is retried by SQS. A scan streams the whole delivery: the message is held on a lease
     * meanwhile.
     */
    @SqsListener(value = "${tidewater.billing.reports-queue}", maxConcurrentMessages = "1", maxMessagesPerPoll = "1")
    void onReportArrived(Message<ReportArrived> message) {
        stage.work(message, arrived -> {
            try {
                deliveries.arrived(arrived);
                return Optional.empty();
            } catch (InvalidDeliveryException invalid) {
                log.warn("Run {}: rejected delivery {}: {}", arrived.runId(), arrived.uri(), invalid.getMessage());
                metrics.rejected();
                runUpdates.send(arrived.runId(), RunState.FAILED, null, 0, invalid.getMessage());
                return Optional.of(invalid.getMessage());
            }
        });
    }

    /** A message that is no {@link ReportArrived} is a rejected delivery too. */
    @EventListener
    void onUnreadable(UnreadableMessageParked parked) {
        if (parked.isFrom(properties.reportsQueue())) {
            metrics.rejected();
        }
    }
}
