package io.tidewater.service.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** Asks SQS for {@code ApproximateNumberOfMessages}; queue URLs are looked up once. */
final class SqsQueueDepths implements QueueDepths {

    private final SqsAsyncClient sqs;
    private final Duration timeout;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    SqsQueueDepths(SqsAsyncClient sqs, Duration timeout) {
        this.sqs = sqs;
        this.timeout = timeout;
    }

    @Override
    public OptionalLong depth(String queue) {
        try {
            String url = urls.computeIfAbsent(queue, this::url);
            String depth = await(sqs.getQueueAttributes(request ->
                            request.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)))
                    .attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            return depth == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(depth));
        } catch (QueueDoesNotExistException e) {
            urls.remove(queue);
            return OptionalLong.empty();
        }
    }

    private String url(String queue) {
        if (queue.startsWith("http://") || queue.startsWith("https://")) {
            return queue;
        }
        return await(sqs.getQueueUrl(request -> request.queueName(queue))).queueUrl();
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> call) {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new CompletionException(e.getCause());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new IllegalStateException("Cannot read a queue attribute: SQS did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted reading a queue attribute", e);
        }
    }
}
