package io.tidewater.service.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A {@code tidewater.queue.depth} gauge per queue of the service (inputs and dead-letter queues), polled at an
 * interval rather than on scrape so that a slow SQS never slows {@code /actuator/prometheus}. A queue that cannot be
 * read shows NaN until it can.
 */
final class QueueDepthGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueDepthGauges.class);

    private final MeterRegistry registry;
    private final Supplier<Set<String>> queues;
    private final QueueDepths depths;
    private final Duration interval;
    private final Map<String, Double> latest = new ConcurrentHashMap<>();
    private ScheduledExecutorService poller;

    QueueDepthGauges(MeterRegistry registry, Supplier<Set<String>> queues, QueueDepths depths, Duration interval) {
        this.registry = registry;
        this.queues = queues;
        this.depths = depths;
        this.interval = interval;
    }

    /** Reads every queue's depth once; one queue failing leaves the others current. */
    void poll() {
        for (String queue : queues.get()) {
            String name = ListenedQueues.nameOf(queue);
            register(name);
            try {
                OptionalLong depth = depths.depth(queue);
                latest.put(name, depth.isPresent() ? (double) depth.getAsLong() : Double.NaN);
            } catch (RuntimeException e) {
                latest.put(name, Double.NaN);
                log.debug("Cannot read the depth of queue {}: {}", name, e.getMessage());
            }
        }
    }

    private void register(String name) {
        if (!latest.containsKey(name)) {
            latest.put(name, Double.NaN);
            Gauge.builder(PipelineMeters.QUEUE_DEPTH, latest, values -> values.getOrDefault(name, Double.NaN))
                    .description("Messages waiting on the queue (ApproximateNumberOfMessages)")
                    .tag(PipelineMeters.QUEUE, name)
                    .register(registry);
        }
    }

    @Override
    public synchronized void start() {
        if (poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "tidewater-queue-depth");
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // An escaped exception would cancel the schedule for good.
            log.warn("Cannot poll queue depths: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }

    /** After the listener containers, so that their queues are known at the first poll. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
