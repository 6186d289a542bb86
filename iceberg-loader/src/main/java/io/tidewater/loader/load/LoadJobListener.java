package io.tidewater.loader.load;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.MessageJson;
import io.tidewater.loader.config.LoaderProperties;
import io.tidewater.service.faults.CrashPoint;
import io.tidewater.service.messaging.DeadLetters;
import io.tidewater.service.messaging.MessageLease;
import io.tidewater.service.messaging.MessageLeases;
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
    private final DeadLetters deadLetters;
    private final PipelineMeters meters;
    private final MessageLeases leases;

    LoadJobListener(
            LoadJobRunner runner,
            SqsTemplate sqs,
            LoaderProperties properties,
            MeterRegistry meters,
            MessageLeases leases) {
        this.runner = runner;
        this.sqs = sqs;
        this.deadLetters = new DeadLetters(sqs);
        this.meters = new PipelineMeters(meters);
        this.leases = leases;
    }

    @SqsListener(
            value = "#{@loadJobLanes.queues()}",
            maxConcurrentMessages = "#{@loadJobLanes.jobsPerLane()}",
            maxMessagesPerPoll = "#{@loadJobLanes.jobsPerLane()}")
    void onLoadJob(Message<String> message) {
        try (MessageLease lease = leases.hold(message)) {
            handle(message.getPayload(), LoadJobLanes.queueOf(message));
        }
    }

    private void handle(String body, String queue) {
        // An unreadable job names no reply queue, and delivering it again cannot help: it goes to the DLQ with its
        // reason.
        Optional<LoadJob> read = deadLetters.readOrPark(queue, body, LoadJob.class);
        if (read.isEmpty()) {
            return;
        }
        LoadJob job = read.get();
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
        } catch (InvalidLoadJobException invalid) {
            log.warn("Load job {} for {} cannot succeed: {}", job.jobId(), job.table(), invalid.getMessage());
            reply(job, new LoadResult.LoadFailed(job.jobId(), job.runId(), job.table(), invalid.getMessage(), false));
            deadLetters.park(queue, body, invalid.getMessage());
            meters.loadDuration(job.table(), PipelineMeters.Outcome.REJECTED, since(started));
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
