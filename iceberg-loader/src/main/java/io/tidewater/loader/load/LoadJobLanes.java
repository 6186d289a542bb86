package io.tidewater.loader.load;

import io.tidewater.loader.config.LoaderProperties;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The loader's lanes, one jobs queue each, as the jobs listener reads them: spring-cloud-aws takes {@code jobs-per-lane}
 * messages of every queue of a listener at once, so each queue is served on its own.
 */
@Component("loadJobLanes")
class LoadJobLanes {

    private final List<String> queues;
    private final int jobsPerLane;

    LoadJobLanes(LoaderProperties properties) {
        this.queues = properties.jobsQueues();
        this.jobsPerLane = properties.jobsPerLane();
    }

    public List<String> queues() {
        return queues;
    }

    public int jobsPerLane() {
        return jobsPerLane;
    }
}
