package io.tidewater.trigger.event;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.acknowledgement.BatchAcknowledgement;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.service.messaging.DeadLetters;
import io.tidewater.service.metrics.PipelineMeters;
import io.tidewater.trigger.config.TriggerProperties;
import io.tidewater.trigger.routing.InvalidEventException;
import io.tidewater.trigger.routing.ObjectCreated;
import io.tidewater.trigger.routing.Route;
import io.tidewater.trigger.routing.Router;
import io.tidewater.trigger.run.RetryableRunException;
import io.tidewater.trigger.run.RunRequest;
import io.tidewater.trigger.run.RunSource;
import io.tidewater.trigger.run.Runs;
import io.tidewater.trigger.run.StartAttempt;
import io.tidewater.trigger.run.StartOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Turns S3 event notifications into runs, a received batch at a time: parse, check the allowlist, route, record the
 * batch's runs in one ledger transaction, acknowledge what is recorded, then send the runs that may go.
 */
@Component
class S3EventListener {

    private static final Logger log = LoggerFactory.getLogger(S3EventListener.class);

    private final S3EventParser parser = new S3EventParser();
    private final Router router;
    private final Runs runs;
    private final DeadLetters deadLetters;
    private final PipelineMeters meters;
    private final TriggerProperties properties;

    S3EventListener(
            Router router, Runs runs, DeadLetters deadLetters, MeterRegistry meters, TriggerProperties properties) {
        this.router = router;
        this.runs = runs;
        this.deadLetters = deadLetters;
        this.meters = new PipelineMeters(meters);
        this.properties = properties;
    }

    /**
     * Up to ten messages per poll, ten polls in flight: their receives, deletes and sends overlap, and batches that
     * meet at the ledger's one SQLite writer are committed together. A message is acknowledged once the ledger has
     * committed every run it asks for. One whose runs could not be recorded stays unacknowledged and comes back after
     * the visibility timeout (the queue's redrive policy dead-letters it after its receive count), while its neighbours
     * go on. A body that is no S3 event, an event that names no object version, or one that names an object outside
     * the allowlist goes to the dead-letter queue at once with its reason: retrying cannot help, and a forged event
     * must be seen, not just dropped.
     */
    @SqsListener(
            value = "${tidewater.trigger.events-queue}",
            maxMessagesPerPoll = "10",
            maxConcurrentMessages = "100",
            acknowledgementMode = "MANUAL")
    void onEvents(List<Message<String>> messages, BatchAcknowledgement<String> acknowledgement) {
        List<Received> received = messages.stream().map(this::read).toList();
        List<RunRequest> requests = received.stream()
                .flatMap(message -> message.requests().stream())
                .toList();
        List<StartAttempt> attempts = requests.isEmpty() ? List.of() : runs.recordAll(requests);
        List<Message<String>> done = new ArrayList<>();
        List<String> retried = new ArrayList<>();
        RuntimeException retryCause = null;
        int from = 0;
        for (Received message : received) {
            List<StartAttempt> own =
                    attempts.subList(from, from + message.requests().size());
            from += message.requests().size();
            RuntimeException failure = failureOf(message, own);
            if (failure instanceof InvalidEventException invalid) {
                failure = deadLetter(message.message().getPayload(), invalid);
            } else if (failure == null && !message.rejections().isEmpty()) {
                // A forged event must be seen, not just dropped; the allowed objects of the same body still start runs.
                failure = deadLetter(message.message().getPayload(), String.join("; ", message.rejections()));
            }
            if (failure == null) {
                done.add(message.message());
            } else {
                retried.add(message.message().getHeaders().getId() + " (" + failure.getMessage() + ")");
                retryCause = retryCause == null ? failure : retryCause;
            }
        }
        // The deletes go while the runs are sent; a delete that fails only brings a message back as a duplicate.
        CompletableFuture<Void> acknowledged =
                done.isEmpty() ? CompletableFuture.completedFuture(null) : acknowledgement.acknowledgeAsync(done);
        RuntimeException failure = retryCause == null
                ? null
                : new RetryableRunException(
                        "Cannot process " + retried.size() + " of " + messages.size() + " messages on "
                                + properties.eventsQueue() + ", left for redelivery: " + String.join(", ", retried),
                        retryCause);
        try {
            if (attempts.stream()
                    .anyMatch(attempt -> attempt instanceof StartAttempt.Recorded recorded
                            && recorded.outcome() instanceof StartOutcome.Started)) {
                runs.dispatchWaitingSoon();
            }
        } catch (RuntimeException e) {
            if (failure != null) {
                e.addSuppressed(failure);
            }
            failure = e;
        }
        acknowledged.join();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Why a message cannot be acknowledged as it is: an {@link InvalidEventException} to dead-letter it for, another
     * exception to retry it for, or {@code null}. A retryable failure of one of its runs outweighs an invalid one.
     */
    private static RuntimeException failureOf(Received message, List<StartAttempt> attempts) {
        RuntimeException failure = message.unreadable();
        for (StartAttempt attempt : attempts) {
            if (attempt instanceof StartAttempt.NotRecorded notRecorded
                    && (failure == null || !(notRecorded.cause() instanceof InvalidEventException))) {
                failure = notRecorded.cause();
            }
        }
        return failure;
    }

    /** The runs a body asks for, none for a test event or an event of another kind, or why it cannot be read. */
    private Received read(Message<String> message) {
        S3Notification notification;
        try {
            notification = parser.parse(message.getPayload());
        } catch (InvalidEventException invalid) {
            return new Received(message, List.of(), List.of(), invalid);
        }
        List<RunRequest> requests = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        if (notification instanceof S3Notification.ObjectsCreated created) {
            created.objects().forEach(object -> request(object, rejections).ifPresent(requests::add));
        } else if (notification instanceof S3Notification.TestEvent test) {
            log.info("Acknowledged s3:TestEvent for bucket {}", test.bucket());
        } else {
            log.debug("Ignored S3 event {}", notification);
        }
        return new Received(message, requests, List.copyOf(rejections), null);
    }

    /** The run an object asks for; an object refused by the allowlist adds why to {@code rejections} instead. */
    private Optional<RunRequest> request(ObjectCreated object, List<String> rejections) {
        Optional<Route> route = router.route(object.bucket(), object.key());
        String pipeline = route.map(Route::pipeline).orElse(PipelineMeters.NO_PIPELINE);
        meters.eventReceived(pipeline);
        Optional<String> rejection = router.rejection(object);
        if (rejection.isPresent()) {
            meters.eventRejected(pipeline, rejection.get());
            rejections.add("Cannot accept event for s3://%s/%s: %s"
                    .formatted(object.bucket(), object.key(), rejectionDetail(object, rejection.get())));
            return Optional.empty();
        }
        return route.map(matched -> new RunRequest(object, matched, RunSource.EVENT));
    }

    private static String rejectionDetail(ObjectCreated object, String rejection) {
        return switch (rejection) {
            case "bucket-not-allowed" ->
                "bucket %s is not in tidewater.trigger.allowed-buckets".formatted(object.bucket());
            case "account-not-allowed" ->
                "account %s is not in tidewater.trigger.allowed-accounts".formatted(object.accountId());
            case "key-has-dot-segments" -> "the key has a '.' or '..' segment, which no report writes";
            default -> rejection;
        };
    }

    /** Returns {@code null} once the body is on the dead-letter queue, or why it could not be sent there. */
    private RuntimeException deadLetter(String body, InvalidEventException invalid) {
        meters.eventRejected(PipelineMeters.NO_PIPELINE, "malformed");
        return deadLetter(body, invalid.getMessage());
    }

    private RuntimeException deadLetter(String body, String reason) {
        log.warn("Rejected message on {}: {}", properties.eventsQueue(), reason);
        try {
            deadLetters.park(properties.eventsQueue(), body, reason);
            return null;
        } catch (RuntimeException e) {
            return new RetryableRunException(
                    "Cannot dead-letter a message on " + properties.eventsQueue() + " (" + reason + "): "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * A received message: the runs it asks for, why objects it names were refused (forged or not allowed), or why it
     * cannot be read ({@code null} if it can).
     */
    private record Received(
            Message<String> message,
            List<RunRequest> requests,
            List<String> rejections,
            InvalidEventException unreadable) {}
}
