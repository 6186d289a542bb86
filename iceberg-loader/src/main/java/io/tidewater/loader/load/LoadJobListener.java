package io.tidewater.loader.load;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.MessageJson;
import io.tidewater.loader.config.LoaderProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes load jobs off the jobs queue and replies on each job's reply queue. A job that can never succeed is replied to
 * as failed and parked on the dead-letter queue with its reason; any other failure leaves the message on the queue to
 * be delivered again, and the queue's redrive policy dead-letters it after its retries.
 */
@Component
class LoadJobListener {

    private static final Logger log = LoggerFactory.getLogger(LoadJobListener.class);

    private final LoadJobRunner runner;
    private final SqsTemplate sqs;
    private final String deadLetterQueue;

    LoadJobListener(LoadJobRunner runner, SqsTemplate sqs, LoaderProperties properties) {
        this.runner = runner;
        this.sqs = sqs;
        this.deadLetterQueue = properties.jobsQueue() + "-dlq";
    }

    @SqsListener(value = "${tidewater.loader.jobs-queue}", maxConcurrentMessages = "2", maxMessagesPerPoll = "2")
    void onLoadJob(String body) {
        LoadJob job = MessageJson.read(body, LoadJob.class);
        try {
            LoadResult.LoadCompleted completed = runner.run(job);
            log.info(
                    "Loaded job {} into {}: {} rows, snapshot {}{}",
                    job.jobId(),
                    job.table(),
                    completed.rowsWritten(),
                    completed.snapshotId(),
                    completed.alreadyLoaded() ? " (already loaded)" : "");
            reply(job, completed);
        } catch (InvalidLoadJobException invalid) {
            log.warn("Load job {} for {} cannot succeed: {}", job.jobId(), job.table(), invalid.getMessage());
            reply(job, new LoadResult.LoadFailed(job.jobId(), job.runId(), job.table(), invalid.getMessage(), false));
            sqs.send(to ->
                    to.queue(deadLetterQueue).payload(body).header("tidewater-failure-reason", invalid.getMessage()));
        }
    }

    private void reply(LoadJob job, LoadResult result) {
        sqs.send(to -> to.queue(job.replyTo()).payload(MessageJson.write(result)));
    }
}
