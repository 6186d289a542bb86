package io.tidewater.bench.pipeline;

import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.MessageJson;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The loader's reply to one load job, taken off the job's reply queue. */
final class LoadJobReplies {

    private LoadJobReplies() {}

    /**
     * Waits for the job's {@code LoadCompleted}; any other reply fails the benchmark.
     *
     * @param stillRunning checked between receives, to fail at once when the loader has gone
     */
    static LoadResult.LoadCompleted await(
            SqsClient sqs, String queueUrl, LoadJob job, Duration timeout, Runnable stillRunning)
            throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            stillRunning.run();
            for (Message message : sqs.receiveMessage(request ->
                            request.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(1))
                    .messages()) {
                sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                LoadResult result = MessageJson.read(message.body(), LoadResult.class);
                if (result instanceof LoadResult.LoadCompleted completed && completed.jobId().equals(job.jobId())) {
                    return completed;
                }
                throw new IllegalStateException("Cannot load " + job.idempotencyKey() + ": " + message.body());
            }
        }
        throw new TimeoutException("Cannot see job " + job.jobId() + " completed within " + timeout);
    }
}
