package io.tidewater.trigger.notification;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.contract.MessageJson;
import io.tidewater.trigger.config.TriggerProperties;
import org.springframework.stereotype.Component;

/** Publishes run summaries to the configured queue, or nowhere when none is configured. */
@Component
public class RunNotificationClient {

    private final SqsTemplate sqs;
    private final TriggerProperties.Notifications notifications;

    RunNotificationClient(SqsTemplate sqs, TriggerProperties properties) {
        this.sqs = sqs;
        this.notifications = properties.notifications();
    }

    public void publish(RunSummary summary) {
        if (!notifications.enabled()) {
            return;
        }
        try {
            sqs.send(to -> to.queue(notifications.queue()).payload(MessageJson.write(summary)));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot publish the summary of run " + summary.runId() + " to " + notifications.queue() + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
