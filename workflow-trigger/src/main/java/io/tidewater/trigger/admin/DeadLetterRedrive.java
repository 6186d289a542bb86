package io.tidewater.trigger.admin;

import io.tidewater.service.messaging.DeadLetters;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Moves messages from {@code <queue>-dlq} back to {@code <queue>}: each is sent before it is deleted. */
@Component
class DeadLetterRedrive {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRedrive.class);

    private final SqsAsyncClient sqs;

    DeadLetterRedrive(SqsAsyncClient sqs) {
        this.sqs = sqs;
    }

    int redrive(String queue, int limit) {
        try {
            String source = sqs.getQueueUrl(request -> request.queueName(DeadLetters.queueOf(queue)))
                    .join()
                    .queueUrl();
            String target =
                    sqs.getQueueUrl(request -> request.queueName(queue)).join().queueUrl();
            int moved = 0;
            while (moved < limit) {
                int batch = Math.min(10, limit - moved);
                List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(source)
                                .maxNumberOfMessages(batch)
                                .waitTimeSeconds(0)
                                .messageAttributeNames("All"))
                        .join()
                        .messages();
                if (messages.isEmpty()) {
                    break;
                }
                for (Message message : messages) {
                    sqs.sendMessage(request -> request.queueUrl(target)
                                    .messageBody(message.body())
                                    .messageAttributes(message.messageAttributes()))
                            .join();
                    sqs.deleteMessage(request -> request.queueUrl(source).receiptHandle(message.receiptHandle()))
                            .join();
                    moved++;
                }
            }
            log.info("Redrove {} messages from {} to {}", moved, DeadLetters.queueOf(queue), queue);
            return moved;
        } catch (CompletionException e) {
            throw new IllegalStateException(
                    "Cannot redrive " + DeadLetters.queueOf(queue) + " to " + queue + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }
}
