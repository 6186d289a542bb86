package io.tidewater.trigger.run;

import static java.util.Objects.requireNonNull;

import io.tidewater.trigger.routing.ObjectCreated;
import io.tidewater.trigger.routing.Route;

/**
 * A completion marker to start a run for.
 *
 * @param object the marker
 * @param route the route it matched
 * @param source what found it
 */
public record RunRequest(ObjectCreated object, Route route, RunSource source) {

    public RunRequest {
        requireNonNull(object, "object is null");
        requireNonNull(route, "route is null");
        requireNonNull(source, "source is null");
    }
}
