package io.tidewater.service.messaging;

import static java.util.Objects.requireNonNull;

import io.awspring.cloud.sqs.listener.errorhandler.ErrorHandler;
import io.tidewater.contract.InvalidMessageException;
import java.util.Collection;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;

/**
 * Parks a message its listener cannot read as the type it takes on {@code <queue>-dlq} at once, with why in the
 * failure-reason header, and tells the service by an {@link UnreadableMessageParked} event: delivering it again cannot
 * help. The message is then acknowledged. Any other failure is left as it was: the message comes back to be retried,
 * and the queue's redrive policy dead-letters it after its retries.
 */
final class ParkUnreadableErrorHandler implements ErrorHandler<Object> {

    private static final Logger log = LoggerFactory.getLogger(ParkUnreadableErrorHandler.class);

    private final DeadLetters deadLetters;
    private final ApplicationEventPublisher events;

    ParkUnreadableErrorHandler(DeadLetters deadLetters, ApplicationEventPublisher events) {
        this.deadLetters = requireNonNull(deadLetters, "deadLetters is null");
        this.events = requireNonNull(events, "events is null");
    }

    @Override
    public void handle(Message<Object> message, Throwable failure) {
        MessageConversionException unreadable = causeOf(failure, MessageConversionException.class);
        if (unreadable == null) {
            throw rethrown(failure);
        }
        InvalidMessageException invalid = causeOf(unreadable, InvalidMessageException.class);
        String reason = invalid != null ? invalid.getMessage() : unreadable.getMessage();
        String queue = DeadLetters.queueOf(message);
        log.warn("Rejected message on {}: {}", queue, reason);
        deadLetters.park(message, reason);
        events.publishEvent(new UnreadableMessageParked(queue, reason));
    }

    @Override
    public void handle(Collection<Message<Object>> messages, Throwable failure) {
        // A batch listener reads its bodies itself and parks what it cannot read.
        throw rethrown(failure);
    }

    private static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new CompletionException(failure);
    }
}
