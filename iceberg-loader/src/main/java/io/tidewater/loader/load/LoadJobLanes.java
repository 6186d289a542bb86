package io.tidewater.loader.load;

import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.tidewater.loader.config.LoaderProperties;
import java.util.List;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The loader's lanes, one jobs queue each, as the jobs listener reads them: spring-cloud-aws takes {@code jobs-per-lane}
 * messages of every queue of a listener at once, so each queue is served on its own.
 */
@Component("loadJobLanes")
class LoadJobLanes {

    private final List<String> queues;
    private final int jobsPerLane;

    LoadJobLanes(LoaderProperties properties) {
        this.queues = properties.jobsQueues();
        this.jobsPerLane = properties.jobsPerLane();
    }

    public List<String> queues() {
        return queues;
    }

    public int jobsPerLane() {
        return jobsPerLane;
    }

    /** The name of the queue a message came from; the header holds its name or, on some paths, its URL. */
    static String queueOf(Message<?> message) {
        String queue = message.getHeaders().get(SqsHeaders.SQS_QUEUE_NAME_HEADER, String.class);
        if (queue == null || queue.isBlank()) {
            throw new IllegalStateException("Cannot tell the queue of message %s: it has no %s header"
                    .formatted(message.getHeaders().getId(), SqsHeaders.SQS_QUEUE_NAME_HEADER));
        }
        return queue.substring(queue.lastIndexOf('/') + 1);
    }
}
