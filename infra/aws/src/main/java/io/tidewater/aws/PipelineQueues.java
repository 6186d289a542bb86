package io.tidewater.aws;

import io.tidewater.contract.DeadLetterQueues;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Every queue of the pipeline with its {@code <queue>-dlq}. The names are the services' defaults, because the services
 * themselves send a message they can never process to {@code <queue>-dlq} with its reason.
 */
final class PipelineQueues extends Construct {

    static final String S3_EVENTS = "tidewater-s3-events";
    static final String INVENTORY_REPORTS = "tidewater-inventory-reports";
    static final String BILLING_REPORTS = "tidewater-billing-reports";
    static final String LOAD_JOBS = "tidewater-load-jobs";
    /** Billing's lane on the loader: its jobs never wait behind an inventory backlog. */
    static final String BILLING_LOAD_JOBS = "tidewater-billing-load-jobs";

    static final String LOAD_RESULTS = "tidewater-load-results";
    static final String BILLING_LOAD_RESULTS = "tidewater-billing-load-results";
    static final String RUN_UPDATES = "tidewater-run-updates";
    static final String RUN_NOTIFICATIONS = "tidewater-run-notifications";

    /**
     * The services' {@code tidewater.messaging.lease}: a loader job, a report check or a billing scan holds its message
     * this long and extends it while it works, so the message of a task that died comes back within this.
     */
    static final Duration LEASE = Duration.seconds(30);

    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<String, Queue> deadLetterQueues = new LinkedHashMap<>();

    PipelineQueues(Construct scope, String id) {
        super(scope, id);
        add(S3_EVENTS, Duration.seconds(60));
        add(INVENTORY_REPORTS, LEASE);
        add(BILLING_REPORTS, LEASE);
        add(LOAD_JOBS, LEASE);
        add(BILLING_LOAD_JOBS, LEASE);
        add(LOAD_RESULTS, Duration.seconds(60));
        add(BILLING_LOAD_RESULTS, Duration.seconds(60));
        add(RUN_UPDATES, Duration.seconds(60));
        add(RUN_NOTIFICATIONS, Duration.seconds(60));
    }

    private void add(String name, Duration visibilityTimeout) {
        Queue deadLetters = Queue.Builder.create(this, DeadLetterQueues.of(name))
                .queueName(DeadLetterQueues.of(name))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Queue queue = Queue.Builder.create(this, name)
                .queueName(name)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(visibilityTimeout)
                .retentionPeriod(Duration.days(4))
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetters)
                        .maxReceiveCount(5)
                        .build())
                .build();
        queues.put(name, queue);
        deadLetterQueues.put(name, deadLetters);
    }

    Queue named(String name) {
        Queue queue = queues.get(name);
        if (queue == null) {
            throw new IllegalArgumentException("Cannot find queue " + name + ": the pipeline has " + queues.keySet());
        }
        return queue;
    }

    Queue deadLettersOf(String name) {
        named(name);
        return deadLetterQueues.get(name);
    }

    Map<String, Queue> deadLetterQueues() {
        return Map.copyOf(deadLetterQueues);
    }
}
