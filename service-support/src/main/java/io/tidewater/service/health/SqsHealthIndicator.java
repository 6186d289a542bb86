package io.tidewater.service.health;

import io.tidewater.service.metrics.ListenedQueues;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** Up when every queue the service's listeners read answers a {@code GetQueueUrl}. */
final class SqsHealthIndicator extends AbstractHealthIndicator {

    private final ListenedQueues queues;
    private final SqsAsyncClient sqs;
    private final Duration timeout;

    SqsHealthIndicator(ListenedQueues queues, SqsAsyncClient sqs, Duration timeout) {
        super("Cannot reach SQS");
        this.queues = queues;
        this.sqs = sqs;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        Set<String> inputs = queues.inputs();
        Map<String, String> reached = new LinkedHashMap<>();
        for (String queue : inputs) {
            String name = ListenedQueues.nameOf(queue);
            if (queue.startsWith("http://") || queue.startsWith("https://")) {
                sqs.getQueueAttributes(request -> request.queueUrl(queue))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                sqs.getQueueUrl(request -> request.queueName(queue)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            reached.put(name, "reachable");
        }
        builder.up().withDetail("queues", reached);
    }
}
