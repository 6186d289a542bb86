package io.tidewater.service.messaging;

import static java.util.Objects.requireNonNull;

import io.awspring.cloud.sqs.listener.Visibility;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message held while the thread that took it works on it: its visibility timeout is set to the lease length at
 * once and again at every heartbeat, until the lease is closed or the holding thread is interrupted or gone. Closing
 * neither deletes the message nor makes it visible: the listener container acknowledges it as it always does, and a
 * message whose work failed comes back when its last lease runs out.
 *
 * <p>Use it in try-with-resources around the work. A failed extension is logged with the message id and the work goes
 * on: at worst the message is delivered again while this attempt still runs, which the work must bear anyway (SQS
 * delivers at least once).
 */
public final class MessageLease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MessageLease.class);

    private final String messageId;
    private final Visibility visibility;
    private final int seconds;
    private final Thread holder;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> heartbeat;

    MessageLease(String messageId, Visibility visibility, int seconds) {
        this.messageId = requireNonNull(messageId, "messageId is null");
        this.visibility = requireNonNull(visibility, "visibility is null");
        this.seconds = seconds;
        this.holder = Thread.currentThread();
    }

    void start(ScheduledExecutorService scheduler, Duration interval) {
        heartbeat = scheduler.scheduleWithFixedDelay(this::extend, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        if (closed) {
            // The first extension may have found the holder interrupted before the heartbeat was assigned.
            heartbeat.cancel(false);
        }
    }

    /** The id of the message held, as the log names it. */
    public String messageId() {
        return messageId;
    }

    private void extend() {
        if (closed) {
            return;
        }
        if (holder.isInterrupted() || !holder.isAlive()) {
            log.warn(
                    "Stopped extending the lease on message {}: the thread {} that holds it was {}; the message comes"
                            + " back to the queue within {} s",
                    messageId,
                    holder.getName(),
                    holder.isAlive() ? "interrupted" : "gone",
                    seconds);
            close();
            return;
        }
        try {
            CompletableFuture<Void> extended = visibility.changeToAsync(seconds);
            extended.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    failed(failure);
                }
            });
        } catch (RuntimeException failure) {
            // Thrown rather than returned as a failed future: it must not end the heartbeat of this lease.
            failed(failure);
        }
    }

    private void failed(Throwable failure) {
        if (closed) {
            // The work has ended and the message may be deleted already: nothing is held any more.
            return;
        }
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        log.warn(
                "Cannot extend the lease on message {} to {} s: {}; the work goes on, and the message comes back to the"
                        + " queue unless a later extension succeeds",
                messageId,
                seconds,
                cause.toString(),
                cause);
    }

    /** Stops extending; the message stays invisible for what is left of the last extension. */
    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> scheduled = heartbeat;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
