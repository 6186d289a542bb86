package io.tidewater.loader.job;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.MessageJson;
import io.tidewater.loader.catalog.Catalogs;
import io.tidewater.loader.config.LoaderProperties;
import io.tidewater.loader.load.SourceLocations;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Load jobs by hand, and the state and progress of every load job, from the queue or from here. */
@RestController
@RequestMapping("/admin")
@Tag(name = "jobs", description = "Load jobs: submit by hand, follow state and progress")
class JobController {

    private final SubmittedJobs submitted;
    private final JobStatusRegistry registry;
    private final StaticLoads staticLoads;
    private final Catalogs catalogs;
    private final SourceLocations sources;

    JobController(
            SubmittedJobs submitted,
            JobStatusRegistry registry,
            StaticLoads staticLoads,
            Catalogs catalogs,
            LoaderProperties properties) {
        this.submitted = submitted;
        this.registry = registry;
        this.staticLoads = staticLoads;
        this.catalogs = catalogs;
        this.sources = SourceLocations.of(properties);
    }

    /** A queued job: its id, where to follow it, and the job as it will run. */
    record JobAccepted(String jobId, JobState state, String statusUrl, LoadJob job) {}

    @Operation(
            summary = "Run a load job (the LoadJob JSON the jobs queue carries) through the loader's runner; 202 with"
                    + " the status URL, no reply is sent to its replyTo queue; 400 when a file is outside the source"
                    + " buckets")
    @PostMapping(value = "/jobs", consumes = "application/json")
    ResponseEntity<JobAccepted> submit(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = LoadJob.class)))
                    @RequestBody
                    String body) {
        // The contract's own mapping, exactly as the queue's listener reads it.
        LoadJob job = MessageJson.read(body, LoadJob.class);
        // Refused here with a 400 rather than queued to fail: the runner checks again for jobs from the queue.
        sources.requireAllowed(job);
        return accepted(job);
    }

    @Operation(
            summary = "Load one file into a table of the primary catalog: the file's schema is crawled as the domain"
                    + " services do, then the job runs like any other; 202 with the status URL and the job")
    @PostMapping("/tables/{table}/loads")
    ResponseEntity<JobAccepted> load(
            @Parameter(description = "namespace.name") @PathVariable String table,
            @Parameter(description = "only the primary catalog takes loads") @RequestParam(required = false)
                    String catalog,
            @RequestBody StaticLoads.StaticLoadRequest request) {
        if (!catalogs.nameOrPrimary(catalog).equals(catalogs.primary())) {
            throw new IllegalArgumentException("Cannot load into %s.%s: loads go into the primary catalog %s only"
                    .formatted(catalog, table, catalogs.primary()));
        }
        return accepted(staticLoads.job(table, request));
    }

    @Operation(summary = "The running, queued and recently finished load jobs, newest first")
    @GetMapping("/jobs")
    List<JobStatus> jobs() {
        return registry.recent();
    }

    @Operation(summary = "A load job's state (QUEUED, RUNNING, SUCCEEDED, FAILED) and progress: rows, bytes, rate")
    @GetMapping("/jobs/{jobId}")
    JobStatus job(@PathVariable String jobId) {
        return registry.status(jobId);
    }

    private ResponseEntity<JobAccepted> accepted(LoadJob job) {
        JobStatus status = submitted.submit(job);
        String url = "/admin/jobs/" + job.jobId();
        return ResponseEntity.accepted()
                .location(URI.create(url))
                .body(new JobAccepted(job.jobId(), status.state(), url, job));
    }
}
