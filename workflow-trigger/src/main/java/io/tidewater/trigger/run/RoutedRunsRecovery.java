package io.tidewater.trigger.run;

import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On start, sends again the runs an earlier process marked ROUTED but may not have sent (see
 * {@link Runs#resendRouted}): only runs routed before this process started, so none of its own.
 */
@Component
class RoutedRunsRecovery {

    private final Runs runs;
    private final Instant started;

    RoutedRunsRecovery(Runs runs, Clock clock) {
        this.runs = runs;
        this.started = clock.instant();
    }

    @EventListener(ApplicationReadyEvent.class)
    void resendRunsOfEarlierProcesses() {
        runs.resendRouted(started);
    }
}
