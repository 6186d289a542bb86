package io.tidewater.trigger.sweep;

import io.tidewater.trigger.config.TriggerProperties;
import io.tidewater.trigger.routing.ObjectCreated;
import io.tidewater.trigger.routing.Route;
import io.tidewater.trigger.routing.Router;
import io.tidewater.trigger.run.RunSource;
import io.tidewater.trigger.run.Runs;
import io.tidewater.trigger.run.StartOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 sometimes delivers no event at all. On a schedule, the sweep lists every route's bucket and prefix and starts a
 * run for each recent completion marker, through the same dedup as events: a marker that already has a run starts
 * nothing.
 */
@Component
public class BackupSweep {

    private static final Logger log = LoggerFactory.getLogger(BackupSweep.class);

    private final S3Client s3;
    private final Router router;
    private final Runs runs;
    private final TriggerProperties.Sweep settings;
    private final Clock clock;

    BackupSweep(S3Client s3, Router router, Runs runs, TriggerProperties properties, Clock clock) {
        this.s3 = s3;
        this.router = router;
        this.runs = runs;
        this.settings = properties.sweep();
        this.clock = clock;
    }

    /** Returns how many runs the sweep started. */
    @Scheduled(cron = "${tidewater.trigger.sweep.cron:0 0 */6 * * *}")
    public int sweep() {
        Instant oldest = clock.instant().minus(settings.maxAge());
        Set<Location> locations = new LinkedHashSet<>();
        router.routes().forEach(route -> locations.add(new Location(route.bucket(), route.prefix())));
        int started = 0;
        for (Location location : locations) {
            started += sweep(location, oldest);
        }
        // Also sends runs left waiting by a failed send.
        runs.dispatchWaiting();
        log.info("Backup sweep of {} locations started {} runs", locations.size(), started);
        return started;
    }

    private int sweep(Location location, Instant oldest) {
        int started = 0;
        try {
            for (S3Object object : s3.listObjectsV2Paginator(
                            request -> request.bucket(location.bucket()).prefix(location.prefix()))
                    .contents()) {
                if (object.lastModified().isBefore(oldest)) {
                    continue;
                }
                Route route = router.route(location.bucket(), object.key()).orElse(null);
                if (route == null || !route.bucket().equals(location.bucket())) {
                    continue;
                }
                ObjectCreated marker = new ObjectCreated(
                        location.bucket(),
                        object.key(),
                        object.size(),
                        object.eTag(),
                        null,
                        null,
                        object.lastModified(),
                        null);
                if (runs.start(marker, route, RunSource.SWEEP) instanceof StartOutcome.Started) {
                    started++;
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot sweep s3://" + location.bucket() + "/" + location.prefix() + ": " + e.getMessage(), e);
        }
        return started;
    }

    private record Location(String bucket, String prefix) {}
}
