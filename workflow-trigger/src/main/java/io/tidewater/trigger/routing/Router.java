package io.tidewater.trigger.routing;

import io.tidewater.trigger.event.ObjectCreated;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds the pipeline a created object is the completion marker of, if any. */
@Component
public class Router {

    private final TriggerProperties properties;

    Router(TriggerProperties properties) {
        this.properties = properties;
    }

    public boolean isAllowed(ObjectCreated object) {
        return properties.allowedBuckets().contains(object.bucket());
    }

    public Optional<TriggerProperties.Route> route(ObjectCreated object) {
        return properties.routes().stream()
                .filter(route -> route.matches(object.bucket(), object.key()))
                .findFirst();
    }
}
