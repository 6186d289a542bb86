package io.tidewater.trigger.event;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.trigger.config.TriggerProperties;
import io.tidewater.trigger.config.TriggerProperties.Route;
import io.tidewater.trigger.routing.Router;
import io.tidewater.trigger.run.RunSource;
import io.tidewater.trigger.run.Runs;
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

    /** A body that is no S3 event goes to the dead-letter queue with its reason at once: retrying cannot help. */
    @SqsListener("${tidewater.trigger.events-queue}")
    void onEvent(String body) {
        S3Notification notification;
        try {
            notification = parser.parse(body);
        } catch (InvalidEventException invalid) {
            meters.counter("tidewater.events.rejected", "reason", "malformed", "pipeline", "none")
                    .increment();
            log.warn("Rejected message on {}: {}", properties.eventsQueue(), invalid.getMessage());
            sqs.send(to -> to.queue(properties.eventsQueue() + "-dlq")
                    .payload(body)
                    .header("tidewater-failure-reason", invalid.getMessage()));
            return;
        }
        if (notification instanceof S3Notification.ObjectsCreated created) {
            created.objects().forEach(this::onObjectCreated);
        } else if (notification instanceof S3Notification.TestEvent test) {
            log.info("Acknowledged s3:TestEvent for bucket {}", test.bucket());
        } else {
            log.debug("Ignored S3 event {}", notification);
        }
    }

    private void onObjectCreated(ObjectCreated object) {
        Optional<Route> route = router.route(object.bucket(), object.key());
        String pipeline = route.map(Route::pipeline).orElse("none");
        meters.counter("tidewater.events.received", "pipeline", pipeline).increment();
        Optional<String> rejection = router.rejection(object);
        if (rejection.isPresent()) {
            meters.counter("tidewater.events.rejected", "reason", rejection.get(), "pipeline", pipeline)
                    .increment();
            log.warn(
                    "Rejected event for s3://{}/{} (account {}): {}",
                    object.bucket(),
                    object.key(),
                    object.accountId(),
                    rejection.get());
            return;
        }
        route.ifPresent(matched -> runs.start(object, matched, RunSource.EVENT));
    }
}
