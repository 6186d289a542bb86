package io.tidewater.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class QueueDepthGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, Long> depths = new ConcurrentHashMap<>();
    private final Set<String> inputs = new LinkedHashSet<>(List.of("tidewater-load-jobs"));
    private final ListenedQueues queues = new ListenedQueues(() -> inputs);

    private final QueueDepthGauges gauges = new QueueDepthGauges(
            registry,
            queues::withDeadLetterQueues,
            queue -> {
                if (queue.equals("broken")) {
                    throw new IllegalStateException("Cannot reach SQS: connection refused");
                }
                Long depth = depths.get(queue);
                return depth == null ? OptionalLong.empty() : OptionalLong.of(depth);
            },
            Duration.ofSeconds(30));

    @Test
    void showsTheDepthOfEachInputQueueAndItsDeadLetterQueue() {
        depths.put("tidewater-load-jobs", 7L);
        depths.put("tidewater-load-jobs-dlq", 2L);

        gauges.poll();

        assertThat(depth("tidewater-load-jobs")).isEqualTo(7.0);
        assertThat(depth("tidewater-load-jobs-dlq")).isEqualTo(2.0);
    }

    @Test
    void followsTheQueueFromOnePollToTheNext() {
        depths.put("tidewater-load-jobs", 7L);
        depths.put("tidewater-load-jobs-dlq", 0L);
        gauges.poll();

        depths.put("tidewater-load-jobs", 0L);
        gauges.poll();

        assertThat(depth("tidewater-load-jobs")).isZero();
        assertThat(registry.find(PipelineMeters.QUEUE_DEPTH).gauges()).hasSize(2);
    }

    @Test
    void showsNotANumberForAQueueThatDoesNotExistOrCannotBeReadAndKeepsTheOthersCurrent() {
        inputs.add("broken");
        depths.put("tidewater-load-jobs", 3L);

        gauges.poll();

        assertThat(depth("tidewater-load-jobs")).isEqualTo(3.0);
        assertThat(depth("tidewater-load-jobs-dlq")).isNaN();
        assertThat(depth("broken")).isNaN();
    }

    @Test
    void addsAGaugeForAQueueAListenerStartsReadingLater() {
        depths.put("tidewater-load-jobs", 1L);
        gauges.poll();

        inputs.add("http://127.0.0.1:9324/000000000000/tidewater-run-updates");
        depths.put("http://127.0.0.1:9324/000000000000/tidewater-run-updates", 4L);
        gauges.poll();

        assertThat(depth("tidewater-run-updates")).isEqualTo(4.0);
    }

    private double depth(String queue) {
        return registry.get(PipelineMeters.QUEUE_DEPTH)
                .tag(PipelineMeters.QUEUE, queue)
                .gauge()
                .value();
    }
}
