package io.tidewater.trigger.operations;

import io.tidewater.contract.RunState;
import io.tidewater.trigger.routing.Route;
import io.tidewater.trigger.routing.Router;
import io.tidewater.trigger.run.PipelineRuns;
import io.tidewater.trigger.run.Runs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/pipelines}: every configured pipeline with its routes, whether it is paused and its runs by
 * state. Changes (pause, resume, replay) stay under {@code /admin}.
 */
@Component
@Endpoint(id = "pipelines")
class PipelinesEndpoint {

    /** One pipeline as operators see it. */
    record PipelineView(
            String name,
            boolean paused,
            List<RouteView> routes,
            Map<RunState, Long> runsByState,
            long inFlight,
            Instant lastFinishedAt) {}

    /** Where a pipeline's reports come from and go. */
    record RouteView(String bucket, String prefix, String suffix, String glob, String queue, String table) {}

    private final Router router;
    private final Runs runs;

    PipelinesEndpoint(Router router, Runs runs) {
        this.router = router;
        this.runs = runs;
    }

    @ReadOperation
    List<PipelineView> pipelines() {
        Set<String> paused = Set.copyOf(runs.pausedPipelines());
        Map<String, PipelineRuns> runsByPipeline = new LinkedHashMap<>();
        runs.pipelineRuns().forEach(pipeline -> runsByPipeline.put(pipeline.pipeline(), pipeline));
        Map<String, List<RouteView>> routes = new LinkedHashMap<>();
        for (Route route : router.routes()) {
            routes.computeIfAbsent(route.pipeline(), name -> new ArrayList<>())
                    .add(new RouteView(
                            route.bucket(),
                            route.prefix(),
                            route.suffix(),
                            route.glob(),
                            route.queue(),
                            route.table()));
        }
        return routes.entrySet().stream()
                .map(entry -> {
                    PipelineRuns pipelineRuns = runsByPipeline.getOrDefault(
                            entry.getKey(), new PipelineRuns(entry.getKey(), Map.of(), null));
                    return new PipelineView(
                            entry.getKey(),
                            paused.contains(entry.getKey()),
                            List.copyOf(entry.getValue()),
                            pipelineRuns.runsByState(),
                            pipelineRuns.inFlight(),
                            pipelineRuns.lastFinishedAt());
                })
                .toList();
    }
}
