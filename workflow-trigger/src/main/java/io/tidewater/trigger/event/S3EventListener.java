package io.tidewater.trigger.event;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.ReportArrived;
import io.tidewater.trigger.routing.Router;
import io.tidewater.trigger.routing.TriggerProperties;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Turns S3 event notifications into runs: parse, check the allowlist, route, announce the report. */
@Component
class S3EventListener {

    private static final Logger log = LoggerFactory.getLogger(S3EventListener.class);

    private final S3EventParser parser = new S3EventParser();
    private final Router router;
    private final SqsTemplate sqs;
    private final MeterRegistry meters;

    S3EventListener(Router router, SqsTemplate sqs, MeterRegistry meters) {
        this.router = router;
        this.sqs = sqs;
        this.meters = meters;
    }

    @SqsListener("${tidewater.trigger.events-queue}")
    void onEvent(String body) {
        S3Notification notification = parser.parse(body);
        if (notification instanceof S3Notification.ObjectsCreated created) {
            created.objects().forEach(this::onObjectCreated);
        } else if (notification instanceof S3Notification.TestEvent test) {
            log.info("Acknowledged s3:TestEvent for bucket {}", test.bucket());
        } else {
            log.debug("Ignored S3 event {}", notification);
        }
    }

    private void onObjectCreated(ObjectCreated object) {
        if (!router.isAllowed(object)) {
            meters.counter("tidewater.events.rejected", "reason", "bucket-not-allowed")
                    .increment();
            log.warn(
                    "Rejected event for s3://{}/{}: bucket {} is not on the allowlist",
                    object.bucket(),
                    object.key(),
                    object.bucket());
            return;
        }
        router.route(object).ifPresent(route -> start(route, object));
    }

    private void start(TriggerProperties.Route route, ObjectCreated object) {
        // The same object version always gets the same run id, so a redelivered event names the same run.
        String runId = UUID.nameUUIDFromBytes(object.objectVersion().getBytes(StandardCharsets.UTF_8))
                .toString();
        ReportArrived arrived = new ReportArrived(
                runId,
                route.pipeline(),
                object.bucket(),
                object.key(),
                object.versionId(),
                object.eTag(),
                object.size(),
                object.eventTime());
        sqs.send(to -> to.queue(route.queue()).payload(MessageJson.write(arrived)));
        meters.counter("tidewater.runs.started", "pipeline", route.pipeline()).increment();
        log.info("Run {} started: {} report s3://{}/{}", runId, route.pipeline(), object.bucket(), object.key());
    }
}
