package io.tidewater.loader.load;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.MessageJson;
import io.tidewater.loader.config.LoaderProperties;
import io.tidewater.service.faults.CrashPoint;
import io.tidewater.service.messaging.StageMessages;
import io.tidewater.service.metrics.PipelineMeters;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Takes load jobs off the jobs queues and replies on each job's reply queue. Each queue is a lane: the listener runs
 * {@code jobs-per-lane} jobs of every queue at once, so a pipeline's backlog never holds up another pipeline's jobs,
 * and the loader holds at most lanes x jobs-per-lane jobs in memory. A job that can never succeed is replied to
 * as failed and parked on the dead-letter queue with its reason; any other failure leaves the message on the queue to
 * be delivered again, and the queue's redrive policy dead-letters it after its retries. A job is held on a lease while it
 * runs, so that the job of a loader that died is taken up again within one lease, however long jobs take.
 */
@Component
class LoadJobListener {

    private static final Logger log = LoggerFactory.getLogger(LoadJobListener.class);

    private final LoadJobRunner runner;
    private final SqsTemplate sqs;
    private final StageMessages stage;
    private final PipelineMeters meters;

    LoadJobListener(
            LoadJobRunner runner,
            SqsTemplate sqs,
            LoaderProperties properties,
            MeterRegistry meters,
            StageMessages stage) {
        this.runner = runner;
        this.sqs = sqs;
        this.stage = stage;
        this.meters = new PipelineMeters(meters);
    }

    @SqsListener(
            value = "#{@loadJobLanes.queues()}",
            maxConcurrentMessages = "#{@loadJobLanes.jobsPerLane()}",
            maxMessagesPerPoll = "#{@loadJobLanes.jobsPerLane()}")
    void onLoadJob(Message<LoadJob> message) {
        // An unreadable job names no reply queue: the kit's error handler parks it with its reason.
        stage.work(message, this::handle);
    }

    private Optional<String> handle(LoadJob job) {
        long started = System.nanoTime();
        try {
            LoadResult.LoadCompleted completed = runner.run(job);
            CrashPoint.COMMITTED_NOT_ACKNOWLEDGED.reached();
            log.info(
                    "Loaded job {} into {}: {} rows, snapshot {}{}",
                    job.jobId(),
                    job.table(),
                    completed.rowsWritten(),
                    completed.snapshotId(),
                    completed.alreadyLoaded() ? " (already loaded)" : "");
            reply(job, completed);
            meters.loadDuration(job.table(), PipelineMeters.Outcome.SUCCEEDED, since(started));
            return Optional.empty();
        } catch (InvalidLoadJobException invalid) {
            log.warn("Load job {} for {} cannot succeed: {}", job.jobId(), job.table(), invalid.getMessage());
            reply(job, new LoadResult.LoadFailed(job.jobId(), job.runId(), job.table(), invalid.getMessage(), false));
            meters.loadDuration(job.table(), PipelineMeters.Outcome.REJECTED, since(started));
            return Optional.of(invalid.getMessage());
        } catch (RuntimeException e) {
            meters.loadDuration(job.table(), PipelineMeters.Outcome.ERRORED, since(started));
            throw e;
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private void reply(LoadJob job, LoadResult result) {
        sqs.send(to -> to.queue(job.replyTo()).payload(MessageJson.write(result)));
    }
}
