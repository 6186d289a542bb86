package io.tidewater.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.support.MessageBuilder;

class MessageLeaseTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(50);
    private static final Duration QUIET = Duration.ofMillis(300);

    private final MessageLeases leases = new MessageLeases(Duration.ofSeconds(30), HEARTBEAT);
    private final RecordingVisibility visibility = new RecordingVisibility();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(MessageLease.class);

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logged);
        leases.close();
    }

    @Test
    void extendsToTheLeaseLengthAtOnceAndAtEveryHeartbeatUntilClosed() {
        try (MessageLease lease = leases.hold("m-1", visibility)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> visibility.changes.size() >= 3);
            assertThat(lease.messageId()).isEqualTo("m-1");
        }
        int atClose = visibility.changes.size();

        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> visibility.changes.size() <= atClose + 1);
        assertThat(visibility.changes)
                .as("every extension sets the whole lease")
                .containsOnly(30);
    }

    @Test
    void failedExtensionIsLoggedWithTheMessageIdAndTheHeartbeatGoesOn() {
        visibility.failing = true;

        try (MessageLease lease = leases.hold("m-2", visibility)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> visibility.changes.size() >= 3);
        }

        assertThat(warnings()).isNotEmpty().allSatisfy(message -> assertThat(message)
                .startsWith("Cannot extend the lease on message m-2 to 30 s:")
                .contains("Message does not exist or is not available for visibility timeout change"));
    }

    @Test
    void extensionThatThrowsInsteadOfFailingItsFutureDoesNotEndTheHeartbeat() {
        Visibility throwing = seconds -> {
            visibility.changes.add(seconds);
            throw new IllegalStateException("connection pool shut down");
        };

        try (MessageLease lease = leases.hold("m-3", throwing)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> visibility.changes.size() >= 3);
        }

        assertThat(warnings()).first().asString().contains("message m-3", "connection pool shut down");
    }

    @Test
    void stopsExtendingOnceTheHoldingThreadIsInterruptedEvenWhileItsWorkGoesOn() throws Exception {
        AtomicBoolean workDone = new AtomicBoolean();
        AtomicReference<MessageLease> held = new AtomicReference<>();
        // Work that does not answer interrupts, as a Spark job does not: the lease must notice the flag by itself.
        Thread worker = new Thread(() -> {
            try (MessageLease lease = leases.hold("m-4", visibility)) {
                held.set(lease);
                while (!workDone.get()) {
                    Thread.onSpinWait();
                }
            }
        });
        worker.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> held.get() != null && !visibility.changes.isEmpty());

        worker.interrupt();

        await().atMost(Duration.ofSeconds(5)).until(() -> warnings().stream()
                .anyMatch(warning -> warning.startsWith("Stopped extending the lease on message m-4: the thread "
                        + worker.getName() + " that holds it was interrupted")));
        int afterStop = visibility.changes.size();
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> visibility.changes.size() == afterStop);
        assertThat(worker.isAlive()).as("the work itself goes on").isTrue();
        workDone.set(true);
        worker.join();
    }

    @Test
    void messageFromAListenerIsHeldThroughTheVisibilityInItsHeaders() {
        var message = MessageBuilder.withPayload("{}")
                .setHeader(SqsHeaders.SQS_RAW_MESSAGE_ID_HEADER, "m-5")
                .setHeader(SqsHeaders.SQS_VISIBILITY_TIMEOUT_HEADER, visibility)
                .build();

        try (MessageLease lease = leases.hold(message)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !visibility.changes.isEmpty());
            assertThat(lease.messageId()).isEqualTo("m-5");
        }
    }

    @Test
    void messageWithoutAVisibilityIsRefused() {
        var message = MessageBuilder.withPayload("{}")
                .setHeader(SqsHeaders.SQS_RAW_MESSAGE_ID_HEADER, "m-6")
                .build();

        assertThatThrownBy(() -> leases.hold(message))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot hold message m-6: it has no Sqs_VisibilityTimeout header, so it did not come from"
                        + " an SQS listener");
    }

    @Test
    void heartbeatMustBeShorterThanTheLease() {
        assertThatThrownBy(() -> new MessageLeases(Duration.ofSeconds(3), Duration.ofSeconds(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot hold messages for PT3S extended every PT3S: the heartbeat must be shorter than the"
                        + " lease");
    }

    private List<String> warnings() {
        // The appender adds under its own lock, from the lease's thread.
        synchronized (logged) {
            return logged.list.stream()
                    .filter(event -> event.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    /** Records every change it is asked for; fails them as SQS does for a message already gone when told to. */
    private static final class RecordingVisibility implements Visibility {
        final List<Integer> changes = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public CompletableFuture<Void> changeToAsync(int seconds) {
            changes.add(seconds);
            return failing
                    ? CompletableFuture.failedFuture(new IllegalStateException(
                            "Message does not exist or is not available for visibility timeout change"))
                    : CompletableFuture.completedFuture(null);
        }
    }
}
