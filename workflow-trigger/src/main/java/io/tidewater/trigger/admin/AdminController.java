package io.tidewater.trigger.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidewater.contract.RunState;
import io.tidewater.trigger.config.TriggerProperties;
import io.tidewater.trigger.routing.ObjectCreated;
import io.tidewater.trigger.routing.Route;
import io.tidewater.trigger.routing.Router;
import io.tidewater.trigger.run.PipelineRuns;
import io.tidewater.trigger.run.Run;
import io.tidewater.trigger.run.RunFilter;
import io.tidewater.trigger.run.RunSource;
import io.tidewater.trigger.run.RunTransition;
import io.tidewater.trigger.run.Runs;
import io.tidewater.trigger.run.StartOutcome;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Runs, replays, dead-letter redrive, pipeline pauses and manual starts. */
@RestController
@RequestMapping("/admin")
@Tag(name = "admin", description = "Operate the workflow trigger")
class AdminController {

    private final Runs runs;
    private final Router router;
    private final DeadLetterRedrive redrive;
    private final S3Client s3;
    private final TriggerProperties properties;

    AdminController(Runs runs, Router router, DeadLetterRedrive redrive, S3Client s3, TriggerProperties properties) {
        this.runs = runs;
        this.router = router;
        this.redrive = redrive;
        this.s3 = s3;
        this.properties = properties;
    }

    /** A run and the states it went through. */
    record RunDetail(Run run, List<RunTransition> history) {}

    /** A request to start a run for a completion marker by hand. */
    record StartRequest(String uri) {}

    /** What a manual start did: STARTED, DUPLICATE or SUPERSEDED, with the run where there is one. */
    record StartResponse(String outcome, Run run, String reason) {}

    record Redriven(String queue, int moved) {}

    /**
     * A pipeline, whether it is paused, and its runs by state; {@code inFlight} is its backlog, the runs that have not
     * ended.
     */
    record Pipeline(
            String name, String queue, String table, boolean paused, Map<RunState, Long> runsByState, long inFlight) {}

    @Operation(summary = "List runs, newest first")
    @GetMapping("/runs")
    List<Run> runs(
            @Parameter(description = "only this pipeline") @RequestParam(required = false) String pipeline,
            @Parameter(description = "only this state") @RequestParam(required = false) RunState state,
            @Parameter(description = "only runs recorded at or after this ISO-8601 instant")
                    @RequestParam(required = false)
                    Instant since,
            @RequestParam(defaultValue = "100") int limit) {
        try {
            return runs.list(new RunFilter(pipeline, state, since, limit));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage(), e);
        }
    }

    @Operation(summary = "A run with its state history")
    @GetMapping("/runs/{runId}")
    RunDetail run(@PathVariable String runId) {
        return new RunDetail(runs.find(runId), runs.history(runId));
    }

    @Operation(summary = "Start a finished run again under the same run id")
    @PostMapping("/runs/{runId}/replay")
    Run replay(@PathVariable String runId) {
        return runs.replay(runId);
    }

    @Operation(summary = "Start a run for s3://bucket/key by hand, through the same dedup as events")
    @PostMapping("/runs")
    ResponseEntity<StartResponse> start(@RequestBody StartRequest request) {
        Marker marker = Marker.parse(request.uri());
        if (!properties.allowedBuckets().contains(marker.bucket())) {
            throw new ResponseStatusException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Cannot start a run for " + request.uri() + ": bucket " + marker.bucket()
                            + " is not on the allowlist");
        }
        Route route = router.route(marker.bucket(), marker.key())
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "Cannot start a run for " + request.uri() + ": no route matches it"));
        HeadObjectResponse head = head(marker);
        ObjectCreated object = new ObjectCreated(
                marker.bucket(),
                marker.key(),
                head.contentLength(),
                head.eTag(),
                head.versionId(),
                null,
                head.lastModified(),
                null);
        StartOutcome outcome = runs.start(object, route, RunSource.MANUAL);
        if (outcome instanceof StartOutcome.Started started) {
            return ResponseEntity.status(HttpStatus.CREATED).body(new StartResponse("STARTED", started.run(), null));
        }
        if (outcome instanceof StartOutcome.Duplicate duplicate) {
            return ResponseEntity.ok(
                    new StartResponse("DUPLICATE", duplicate.run(), "the object version already has a run"));
        }
        StartOutcome.Superseded superseded = (StartOutcome.Superseded) outcome;
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(new StartResponse("SUPERSEDED", null, superseded.reason()));
    }

    @Operation(summary = "Move messages from <queue>-dlq back to <queue>")
    @PostMapping("/queues/{queue}/redrive")
    Redriven redrive(@PathVariable String queue, @RequestParam(defaultValue = "1000") int limit) {
        if (!knownQueues().contains(queue)) {
            throw new ResponseStatusException(
                    HttpStatus.NOT_FOUND,
                    "Cannot redrive " + queue + ": it is none of the trigger's queues " + knownQueues());
        }
        return new Redriven(queue, redrive.redrive(queue, limit));
    }

    @Operation(summary = "The configured pipelines and whether they are paused")
    @GetMapping("/pipelines")
    List<Pipeline> pipelines() {
        List<String> paused = runs.pausedPipelines();
        Map<String, PipelineRuns> runsByPipeline = runs.pipelineRuns().stream()
                .collect(Collectors.toMap(PipelineRuns::pipeline, pipelineRuns -> pipelineRuns));
        return router.routes().stream()
                .map(route -> {
                    PipelineRuns pipelineRuns = runsByPipeline.getOrDefault(
                            route.pipeline(), new PipelineRuns(route.pipeline(), Map.of(), null));
                    return new Pipeline(
                            route.pipeline(),
                            route.queue(),
                            route.table(),
                            paused.contains(route.pipeline()),
                            pipelineRuns.runsByState(),
                            pipelineRuns.inFlight());
                })
                .distinct()
                .toList();
    }

    @Operation(summary = "Hold new runs of a pipeline; they are recorded and sent on resume")
    @PostMapping("/pipelines/{pipeline}/pause")
    Pipeline pause(@PathVariable String pipeline) {
        requirePipeline(pipeline);
        runs.pause(pipeline);
        return pipeline(pipeline);
    }

    @Operation(summary = "Send a paused pipeline's held runs and new ones again")
    @PostMapping("/pipelines/{pipeline}/resume")
    Pipeline resume(@PathVariable String pipeline) {
        requirePipeline(pipeline);
        runs.resume(pipeline);
        return pipeline(pipeline);
    }

    private Pipeline pipeline(String name) {
        return pipelines().stream()
                .filter(pipeline -> pipeline.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private void requirePipeline(String pipeline) {
        if (router.routeOf(pipeline).isEmpty()) {
            throw new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "Cannot find pipeline " + pipeline + ": no route names it");
        }
    }

    private Set<String> knownQueues() {
        Set<String> queues = new LinkedHashSet<>();
        queues.add(properties.eventsQueue());
        queues.add(properties.runUpdatesQueue());
        router.routes().forEach(route -> queues.add(route.queue()));
        return queues;
    }

    private HeadObjectResponse head(Marker marker) {
        try {
            return s3.headObject(request -> request.bucket(marker.bucket()).key(marker.key()));
        } catch (NoSuchKeyException e) {
            throw new ResponseStatusException(
                    HttpStatus.UNPROCESSABLE_CONTENT, "Cannot start a run for " + marker + ": no such object", e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new ResponseStatusException(
                        HttpStatus.UNPROCESSABLE_CONTENT, "Cannot start a run for " + marker + ": no such object", e);
            }
            throw e;
        }
    }

    private record Marker(String bucket, String key) {
        static Marker parse(String uri) {
            if (uri == null || !uri.startsWith("s3://") || uri.indexOf('/', 5) < 6 || uri.endsWith("/")) {
                throw new ResponseStatusException(
                        HttpStatus.BAD_REQUEST, "Cannot start a run for '" + uri + "': expected s3://bucket/key");
            }
            int slash = uri.indexOf('/', 5);
            return new Marker(uri.substring(5, slash), uri.substring(slash + 1));
        }

        @Override
        public String toString() {
            return "s3://" + bucket + "/" + key;
        }
    }
}
