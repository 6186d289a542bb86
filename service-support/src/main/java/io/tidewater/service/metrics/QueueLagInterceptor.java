package io.tidewater.service.metrics;

import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.interceptor.MessageInterceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.springframework.messaging.Message;

/**
 * Records every received message's age (now minus SQS's {@code SentTimestamp}) for every listener of the service: the
 * timer's max is the age of the oldest message a listener took, which is how far behind the service is.
 */
final class QueueLagInterceptor implements MessageInterceptor<Object> {

    private final PipelineMeters meters;
    private final Clock clock;

    QueueLagInterceptor(PipelineMeters meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public Message<Object> intercept(Message<Object> message) {
        record(message);
        return message;
    }

    @Override
    public Collection<Message<Object>> intercept(Collection<Message<Object>> messages) {
        messages.forEach(this::record);
        return messages;
    }

    private void record(Message<?> message) {
        Object sent = message.getHeaders().get(SqsHeaders.MessageSystemAttributes.SQS_SENT_TIMESTAMP);
        Object queue = message.getHeaders().get(SqsHeaders.SQS_QUEUE_NAME_HEADER);
        Long sentMillis = epochMillis(sent);
        if (sentMillis == null || queue == null) {
            // A message without the attribute (a listener that asked for no system attributes) has no known age.
            return;
        }
        meters.queueLag(
                ListenedQueues.nameOf(queue.toString()),
                Duration.between(Instant.ofEpochMilli(sentMillis), clock.instant()));
    }

    private static Long epochMillis(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text && !text.isBlank()) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
