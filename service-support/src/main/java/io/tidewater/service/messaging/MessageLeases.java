package io.tidewater.service.messaging;

import static java.util.Objects.requireNonNull;

import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.springframework.messaging.Message;

/**
 * Hands out a {@link MessageLease} on each message a listener works on, so that a message can be held with a short
 * visibility timeout however long its work takes. One scheduler thread extends every lease of the service: an extension
 * only sends a request and does not wait for its answer.
 */
public final class MessageLeases implements AutoCloseable {

    private final Duration lease;
    private final Duration heartbeat;
    private final ScheduledThreadPoolExecutor scheduler;

    /** Leases of the given length, extended every third of it. */
    public MessageLeases(Duration lease) {
        this(lease, lease.dividedBy(3));
    }

    MessageLeases(Duration lease, Duration heartbeat) {
        this.lease = requireNonNull(lease, "lease is null");
        this.heartbeat = requireNonNull(heartbeat, "heartbeat is null");
        if (lease.toSeconds() < 1 || heartbeat.compareTo(lease) >= 0 || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException(
                    "Cannot hold messages for %s extended every %s: the heartbeat must be shorter than the lease"
                            .formatted(lease, heartbeat));
        }
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "tidewater-message-lease");
            thread.setDaemon(true);
            return thread;
        });
        // A lease ends long before its next heartbeat would have run; cancelled heartbeats must not pile up.
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /**
     * Holds a message as spring-cloud-aws handed it to a listener, through the {@link Visibility} it puts in the
     * message's headers; the lease extends it at once and then until it is closed.
     *
     * @throws IllegalArgumentException if the message did not come from an SQS listener container
     */
    public MessageLease hold(Message<?> message) {
        Object visibility = message.getHeaders().get(SqsHeaders.SQS_VISIBILITY_TIMEOUT_HEADER);
        String messageId = messageId(message);
        if (!(visibility instanceof Visibility held)) {
            throw new IllegalArgumentException("Cannot hold message %s: it has no %s header, so it did not come from an"
                            .formatted(messageId, SqsHeaders.SQS_VISIBILITY_TIMEOUT_HEADER)
                    + " SQS listener");
        }
        return hold(messageId, held);
    }

    /** Holds the message whose visibility this is; {@code messageId} names it in the log. */
    public MessageLease hold(String messageId, Visibility visibility) {
        MessageLease held = new MessageLease(messageId, visibility, Math.toIntExact(lease.toSeconds()));
        try {
            held.start(scheduler, heartbeat);
        } catch (RejectedExecutionException stopped) {
            throw new IllegalStateException(
                    "Cannot hold message " + messageId + ": the service is stopping and extends no lease", stopped);
        }
        return held;
    }

    /** How long a message stays invisible after its last extension. */
    public Duration lease() {
        return lease;
    }

    private static String messageId(Message<?> message) {
        Object rawId = message.getHeaders().get(SqsHeaders.SQS_RAW_MESSAGE_ID_HEADER);
        return String.valueOf(rawId != null ? rawId : message.getHeaders().getId());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
