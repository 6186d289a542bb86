package io.tidewater.service.messaging;

import static java.util.Objects.requireNonNull;

import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.contract.DeadLetterQueues;
import io.tidewater.contract.InvalidMessageException;
import io.tidewater.contract.MessageJson;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * Parks a message that can never be processed on its queue's dead-letter queue, {@code <queue>-dlq}, with why in the
 * {@value #FAILURE_REASON_HEADER} header: delivering it again cannot help, and it must be seen rather than dropped.
 * Every stage of every pipeline parks its messages here, so that an operator reads the reason the same way everywhere
 * and the trigger's redrive finds the dead-letter queue by the same name.
 */
public final class DeadLetters {

    /** The suffix that names a queue's dead-letter queue: {@code <queue>-dlq}. */
    public static final String QUEUE_SUFFIX = DeadLetterQueues.SUFFIX;

    /** The message header that says why a message was parked. */
    public static final String FAILURE_REASON_HEADER = DeadLetterQueues.FAILURE_REASON_HEADER;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final SqsTemplate sqs;

    public DeadLetters(SqsTemplate sqs) {
        this.sqs = requireNonNull(sqs, "sqs is null");
    }

    /** The dead-letter queue of a queue, named or addressed by URL as the queue is. */
    public static String queueOf(String queue) {
        return requireNonNull(queue, "queue is null") + QUEUE_SUFFIX;
    }

    /** The name of the queue a message was read from; the header holds its name or, on some paths, its URL. */
    public static String queueOf(Message<?> received) {
        String queue = received.getHeaders().get(SqsHeaders.SQS_QUEUE_NAME_HEADER, String.class);
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("Cannot tell the queue of message %s: it has no %s header"
                    .formatted(received.getHeaders().getId(), SqsHeaders.SQS_QUEUE_NAME_HEADER));
        }
        return queue.substring(queue.lastIndexOf('/') + 1);
    }

    /**
     * Sends a message a listener received to the dead-letter queue of the queue it came from, its body exactly as it
     * was received, with its reason.
     *
     * @param received the message as the listener container handed it over
     * @param reason why it can never be processed
     */
    public void park(Message<?> received, String reason) {
        park(queueOf(received), bodyOf(received), reason);
    }

    private static String bodyOf(Message<?> received) {
        // The payload may be a record read from the body; the SQS message it came from holds the body as sent.
        if (received.getHeaders().get(SqsHeaders.SQS_SOURCE_DATA_HEADER)
                instanceof software.amazon.awssdk.services.sqs.model.Message source) {
            return source.body();
        }
        if (received.getPayload() instanceof String body) {
            return body;
        }
        throw new IllegalArgumentException("Cannot park message %s: neither its SQS source nor its body is at hand"
                .formatted(received.getHeaders().getId()));
    }

    /**
     * Sends the body to {@code <queue>-dlq} with its reason.
     *
     * @param queue the queue the message was read from
     * @param body the message body as it was received
     * @param reason why it can never be processed
     */
    public void park(String queue, String body, String reason) {
        sqs.send(to -> to.queue(queueOf(queue)).payload(body).header(FAILURE_REASON_HEADER, reason));
    }

    /**
     * Reads a message of a contract type, or parks it with why it cannot be read.
     *
     * @return the message, or empty once an unreadable body is on the dead-letter queue
     */
    public <T> Optional<T> readOrPark(String queue, String body, Class<T> type) {
        try {
            return Optional.of(MessageJson.read(body, type));
        } catch (InvalidMessageException unreadable) {
            log.warn("Rejected message on {}: {}", queue, unreadable.getMessage());
            park(queue, body, unreadable.getMessage());
            return Optional.empty();
        }
    }
}
