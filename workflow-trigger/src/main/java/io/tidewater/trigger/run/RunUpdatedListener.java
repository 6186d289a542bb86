package io.tidewater.trigger.run;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.contract.RunUpdated;
import io.tidewater.service.messaging.DeadLetters;
import io.tidewater.service.messaging.UnreadableMessageParked;
import io.tidewater.service.metrics.PipelineMeters;
import io.tidewater.trigger.config.TriggerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/** Keeps the ledger current from the domain services' {@link RunUpdated} messages. */
@Component
class RunUpdatedListener {

    private static final Logger log = LoggerFactory.getLogger(RunUpdatedListener.class);

    private final Runs runs;
    private final DeadLetters deadLetters;
    private final PipelineMeters meters;
    private final String queue;

    RunUpdatedListener(Runs runs, DeadLetters deadLetters, MeterRegistry meters, TriggerProperties properties) {
        this.runs = runs;
        this.deadLetters = deadLetters;
        this.meters = new PipelineMeters(meters);
        this.queue = properties.runUpdatesQueue();
    }

    /**
     * An update for a run the ledger does not know goes to the dead-letter queue at once, as an unreadable one does
     * (parked by the kit's error handler).
     */
    @SqsListener("${tidewater.trigger.run-updates-queue:tidewater-run-updates}")
    void onRunUpdated(Message<RunUpdated> message) {
        try {
            runs.apply(message.getPayload());
        } catch (RunNotFoundException invalid) {
            meters.runUpdateRejected();
            log.warn("Rejected message on {}: {}", queue, invalid.getMessage());
            deadLetters.park(message, reason(invalid));
        }
    }

    @EventListener
    void onUnreadable(UnreadableMessageParked parked) {
        if (parked.isFrom(queue)) {
            meters.runUpdateRejected();
        }
    }

    private static String reason(RuntimeException invalid) {
        return invalid.getMessage() == null ? invalid.getClass().getSimpleName() : invalid.getMessage();
    }
}
