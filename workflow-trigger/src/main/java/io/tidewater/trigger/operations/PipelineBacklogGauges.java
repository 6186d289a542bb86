package io.tidewater.trigger.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.service.metrics.PipelineMeters;
import io.tidewater.trigger.routing.Route;
import io.tidewater.trigger.routing.Router;
import io.tidewater.trigger.run.PipelineRuns;
import io.tidewater.trigger.run.Runs;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A {@code tidewater.pipeline.backlog} gauge per configured pipeline: its runs that have not ended. Read from the run
 * ledger on a schedule, so that a scrape never waits on the ledger.
 */
@Component
class PipelineBacklogGauges {

    private final Runs runs;
    private final Map<String, Long> backlog = new ConcurrentHashMap<>();

    PipelineBacklogGauges(Runs runs, Router router, MeterRegistry meters) {
        this.runs = runs;
        router.routes().stream().map(Route::pipeline).distinct().forEach(pipeline -> {
            backlog.put(pipeline, 0L);
            Gauge.builder(PipelineMeters.PIPELINE_BACKLOG, backlog, values -> values.getOrDefault(pipeline, 0L))
                    .description("Runs of the pipeline that have not ended")
                    .tag(PipelineMeters.PIPELINE, pipeline)
                    .register(meters);
        });
    }

    /**
     * A failed refresh keeps the last values: Spring's scheduler logs it, and the next refresh tries again. Every 10
     * seconds unless {@code tidewater.trigger.backlog-refresh} says otherwise.
     */
    @Scheduled(fixedDelayString = "${tidewater.trigger.backlog-refresh:PT10S}", initialDelay = 0)
    void refresh() {
        Map<String, Long> inFlight = new HashMap<>();
        for (PipelineRuns pipeline : runs.pipelineRuns()) {
            inFlight.put(pipeline.pipeline(), pipeline.inFlight());
        }
        backlog.replaceAll((pipeline, old) -> inFlight.getOrDefault(pipeline, 0L));
    }
}
