package io.tidewater.service.messaging;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * What a stage's listener does with each message it takes, around the stage's own decision: holds the message on a
 * lease while the work runs, however long, and parks it on {@code <queue>-dlq} with its reason when the work rejects
 * it. The work returns the reason it rejects the message for, or nothing once it is done; a failure it throws leaves
 * the message to come back and be retried. A message that is not of the type the listener takes never gets here: the
 * kit's error handler parks it.
 */
public final class StageMessages {

    private static final Logger log = LoggerFactory.getLogger(StageMessages.class);

    private final MessageLeases leases;
    private final DeadLetters deadLetters;

    public StageMessages(MessageLeases leases, DeadLetters deadLetters) {
        this.leases = requireNonNull(leases, "leases is null");
        this.deadLetters = requireNonNull(deadLetters, "deadLetters is null");
    }

    /**
     * Works on a message the listener container handed over.
     *
     * @param work the stage's decision on the payload: why it rejects it, or empty when it is done
     */
    public <T> void work(Message<T> message, Function<? super T, Optional<String>> work) {
        try (MessageLease lease = leases.hold(message)) {
            work.apply(message.getPayload()).ifPresent(reason -> {
                log.warn("Rejected message {} on {}: {}", lease.messageId(), DeadLetters.queueOf(message), reason);
                deadLetters.park(message, reason);
            });
        }
    }
}
