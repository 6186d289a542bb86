package io.tidewater.trigger.event;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.trigger.config.TriggerProperties;
import io.tidewater.trigger.config.TriggerProperties.Route;
import io.tidewater.trigger.routing.Router;
import io.tidewater.trigger.run.RunSource;
import io.tidewater.trigger.run.Runs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Turns S3 event notifications into runs: parse, check the allowlist, route, start the run once. */
@Component
class S3EventListener {

    private static final Logger log = LoggerFactory.getLogger(S3EventListener.class);

    private final S3EventParser parser = new S3EventParser();
    private final Router router;
    private final Runs runs;
    private final SqsTemplate sqs;
    private final MeterRegistry meters;
    private final TriggerProperties properties;

    S3EventListener(Router router, Runs runs, SqsTemplate sqs, MeterRegistry meters, TriggerProperties properties) {
        this.router = router;
        this.runs = runs;
        this.sqs = sqs;
        this.meters = meters;
        this.properties = properties;
    }

    /**
     * A body that is no S3 event, or names an object outside the allowlist, goes to the dead-letter queue with its
     * reason at once: retrying cannot help, and a forged event must be seen, not just dropped.
     */
    @SqsListener("${tidewater.trigger.events-queue}")
    void onEvent(String body) {
        S3Notification notification;
        try {
            notification = parser.parse(body);
        } catch (InvalidEventException invalid) {
            meters.counter("tidewater.events.rejected", "reason", "malformed", "pipeline", "none")
                    .increment();
            deadLetter(body, invalid.getMessage());
            return;
        }
        if (notification instanceof S3Notification.ObjectsCreated created) {
            List<String> rejections = new ArrayList<>();
            for (ObjectCreated object : created.objects()) {
                try {
                    onObjectCreated(object).ifPresent(rejections::add);
                } catch (InvalidEventException invalid) {
                    meters.counter("tidewater.events.rejected", "reason", "malformed", "pipeline", "none")
                            .increment();
                    rejections.add(invalid.getMessage());
                }
            }
            if (!rejections.isEmpty()) {
                deadLetter(body, String.join("; ", rejections));
            }
        } else if (notification instanceof S3Notification.TestEvent test) {
            log.info("Acknowledged s3:TestEvent for bucket {}", test.bucket());
        } else {
            log.debug("Ignored S3 event {}", notification);
        }
    }

    private void deadLetter(String body, String reason) {
        log.warn("Rejected message on {}: {}", properties.eventsQueue(), reason);
        sqs.send(to ->
                to.queue(properties.eventsQueue() + "-dlq").payload(body).header("tidewater-failure-reason", reason));
    }

    /** @return why the object was rejected, or empty when its run started (or it is no completion marker) */
    private Optional<String> onObjectCreated(ObjectCreated object) {
        Optional<Route> route = router.route(object.bucket(), object.key());
        String pipeline = route.map(Route::pipeline).orElse("none");
        meters.counter("tidewater.events.received", "pipeline", pipeline).increment();
        Optional<String> rejection = router.rejection(object);
        if (rejection.isPresent()) {
            meters.counter("tidewater.events.rejected", "reason", rejection.get(), "pipeline", pipeline)
                    .increment();
            String detail =
                    switch (rejection.get()) {
                        case "bucket-not-allowed" ->
                            "bucket %s is not in tidewater.trigger.allowed-buckets".formatted(object.bucket());
                        case "account-not-allowed" ->
                            "account %s is not in tidewater.trigger.allowed-accounts".formatted(object.accountId());
                        case "key-has-dot-segments" -> "the key has a '.' or '..' segment, which no report writes";
                        default -> rejection.get();
                    };
            return Optional.of(
                    "Cannot accept event for s3://%s/%s: %s".formatted(object.bucket(), object.key(), detail));
        }
        route.ifPresent(matched -> runs.start(object, matched, RunSource.EVENT));
        return Optional.empty();
    }
}
