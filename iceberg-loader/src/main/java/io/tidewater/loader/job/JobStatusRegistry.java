package io.tidewater.loader.job;

import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.loader.load.InvalidLoadJobException;
import io.tidewater.loader.load.LoadJobObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The state and progress of the running and queued load jobs and of the most recent finished ones, whoever submitted
 * them. Each run gets a Spark job group of its own, whose tasks' input metrics {@link JobGroupInputListener} adds up.
 */
@Component
class JobStatusRegistry implements LoadJobObserver, DisposableBean {

    /** Finished jobs kept for their status; running and queued ones are always kept. */
    static final int HISTORY = 200;

    private static final String GROUP_PREFIX = "tidewater-load-";

    private final SparkContext context;
    private final JobGroupInputListener listener = new JobGroupInputListener();
    private final Map<String, TrackedJob> jobs = new LinkedHashMap<>();
    private final AtomicLong runs = new AtomicLong();
    private final ThreadLocal<TrackedJob> current = new ThreadLocal<>();

    JobStatusRegistry(SparkSession spark) {
        this.context = spark.sparkContext();
        context.addSparkListener(listener);
    }

    /** @throws DuplicateJobException when a job with this id is queued or running */
    synchronized void queued(LoadJob job) {
        TrackedJob earlier = jobs.get(job.jobId());
        if (earlier != null && !earlier.finished()) {
            throw new DuplicateJobException("Cannot submit load job %s: it is %s already, see /admin/jobs/%s"
                    .formatted(job.jobId(), earlier.state, job.jobId()));
        }
        remember(new TrackedJob(job, "admin", JobState.QUEUED));
    }

    /** Forgets a job that was queued but could not be handed to the executor. */
    synchronized void forget(String jobId) {
        jobs.remove(jobId);
    }

    JobStatus status(String jobId) {
        TrackedJob tracked;
        synchronized (this) {
            tracked = jobs.get(jobId);
        }
        if (tracked == null) {
            throw new UnknownJobException(
                    "Cannot find load job %s: it is not queued, not running and not among the %d most recent jobs"
                            .formatted(jobId, HISTORY));
        }
        return tracked.status();
    }

    /** Newest first. */
    List<JobStatus> recent() {
        List<TrackedJob> all;
        synchronized (this) {
            all = new ArrayList<>(jobs.values());
        }
        List<JobStatus> statuses = new ArrayList<>();
        for (int index = all.size() - 1; index >= 0; index--) {
            statuses.add(all.get(index).status());
        }
        return statuses;
    }

    @Override
    public void started(LoadJob job) {
        TrackedJob tracked;
        synchronized (this) {
            TrackedJob queued = jobs.get(job.jobId());
            tracked = queued != null && queued.state == JobState.QUEUED
                    ? queued
                    : remember(new TrackedJob(job, "queue", JobState.RUNNING));
        }
        String group = GROUP_PREFIX + runs.incrementAndGet();
        tracked.start(group);
        listener.track(group, tracked.input);
        current.set(tracked);
        // Spark job groups are per thread: every Spark job this thread starts until the end of the run is the load's.
        context.setJobGroup(group, "Tidewater load job " + job.jobId() + " into " + job.table(), false);
    }

    @Override
    public void completed(LoadJob job, LoadResult.LoadCompleted result) {
        end(tracked -> tracked.succeed(result));
    }

    @Override
    public void failed(LoadJob job, RuntimeException failure) {
        end(tracked -> tracked.fail(failure));
    }

    private void end(Consumer<TrackedJob> outcome) {
        TrackedJob tracked = current.get();
        current.remove();
        context.clearJobGroup();
        // The group stays known until the job leaves the history: Spark reports its last jobs asynchronously.
        if (tracked != null) {
            outcome.accept(tracked);
        }
    }

    private TrackedJob remember(TrackedJob tracked) {
        TrackedJob replaced = jobs.remove(tracked.jobId);
        if (replaced != null && replaced.group != null) {
            listener.forget(replaced.group);
        }
        jobs.put(tracked.jobId, tracked);
        Iterator<TrackedJob> oldestFirst = jobs.values().iterator();
        int finished = (int) jobs.values().stream().filter(TrackedJob::finished).count();
        while (finished > HISTORY && oldestFirst.hasNext()) {
            TrackedJob oldest = oldestFirst.next();
            if (oldest.finished()) {
                oldestFirst.remove();
                if (oldest.group != null) {
                    listener.forget(oldest.group);
                }
                finished--;
            }
        }
        return tracked;
    }

    @Override
    public void destroy() {
        context.removeSparkListener(listener);
    }

    /** One run of a job; its figures change while it runs. */
    private static final class TrackedJob {
        final String jobId;
        final String table;
        final String origin;
        final Instant submittedAt = Instant.now();
        final InputProgress input = new InputProgress();
        volatile JobState state;
        volatile String group;
        volatile Instant startedAt;
        volatile long startedNanos;
        volatile Instant finishedAt;
        volatile long elapsedNanos;
        volatile LoadResult.LoadCompleted result;
        volatile String failure;
        volatile Boolean retryable;

        TrackedJob(LoadJob job, String origin, JobState state) {
            this.jobId = job.jobId();
            this.table = job.table();
            this.origin = origin;
            this.state = state;
        }

        void start(String sparkGroup) {
            group = sparkGroup;
            startedAt = Instant.now();
            startedNanos = System.nanoTime();
            state = JobState.RUNNING;
        }

        void succeed(LoadResult.LoadCompleted completed) {
            result = completed;
            finish(JobState.SUCCEEDED);
        }

        void fail(RuntimeException e) {
            failure = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            retryable = !(e instanceof InvalidLoadJobException);
            finish(JobState.FAILED);
        }

        private void finish(JobState outcome) {
            elapsedNanos = System.nanoTime() - startedNanos;
            finishedAt = Instant.now();
            state = outcome;
        }

        boolean finished() {
            return state == JobState.SUCCEEDED || state == JobState.FAILED;
        }

        JobStatus status() {
            long elapsed =
                    switch (state) {
                        case QUEUED -> 0;
                        case RUNNING -> System.nanoTime() - startedNanos;
                        case SUCCEEDED, FAILED -> elapsedNanos;
                    };
            long rows = input.rows();
            double rate = elapsed <= 0 ? 0 : rows / (elapsed / 1e9);
            return new JobStatus(
                    jobId,
                    table,
                    origin,
                    state,
                    submittedAt,
                    startedAt,
                    finishedAt,
                    new JobStatus.Progress(rows, input.bytes(), rate, elapsed / 1_000_000),
                    result,
                    failure,
                    retryable);
        }
    }
}
