package io.tidewater.loader.job;

import io.tidewater.contract.LoadJob;
import io.tidewater.loader.load.LoadJobRunner;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs jobs submitted through the admin API on a few threads of their own, with a bounded queue: the jobs queue's
 * listener keeps its own threads, and a flood of submissions is refused rather than piled up in memory.
 */
@Component
class SubmittedJobs implements DisposableBean {

    static final int CONCURRENCY = 2;
    static final int QUEUE_CAPACITY = 20;

    private static final Logger log = LoggerFactory.getLogger(SubmittedJobs.class);

    private final LoadJobRunner runner;
    private final JobStatusRegistry registry;
    private final ThreadPoolExecutor executor;

    SubmittedJobs(LoadJobRunner runner, JobStatusRegistry registry) {
        this.runner = runner;
        this.registry = registry;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                CONCURRENCY,
                CONCURRENCY,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                task -> new Thread(task, "tidewater-submitted-load-" + threads.incrementAndGet()));
    }

    /**
     * Queues the job and returns at once.
     *
     * @throws DuplicateJobException when a job with its id is queued or running
     * @throws RejectedExecutionException when the queue is full
     */
    JobStatus submit(LoadJob job) {
        registry.queued(job);
        try {
            executor.execute(() -> run(job));
        } catch (RejectedExecutionException full) {
            registry.forget(job.jobId());
            throw new RejectedExecutionException(
                    "Cannot queue load job %s: %d submitted jobs are waiting already; submit it again later"
                            .formatted(job.jobId(), QUEUE_CAPACITY),
                    full);
        }
        return registry.status(job.jobId());
    }

    private void run(LoadJob job) {
        try {
            runner.run(job);
        } catch (RuntimeException e) {
            // The registry holds the failure for the caller; the log has it for the operator.
            log.warn("Submitted load job {} for {} failed: {}", job.jobId(), job.table(), e.getMessage());
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
