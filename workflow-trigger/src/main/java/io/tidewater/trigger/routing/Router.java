package io.tidewater.trigger.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Decides whether an object may be processed at all, and which pipeline's completion marker it is. */
public class Router {

    private final List<String> allowedBuckets;
    private final List<String> allowedAccounts;
    private final List<Route> routes;
    private final List<CompiledRoute> compiledRoutes;

    /**
     * @param allowedBuckets buckets whose events are processed
     * @param allowedAccounts accounts whose events are processed when the envelope names one; empty allows any
     * @param routes completion-marker rules, first match wins
     */
    public Router(List<String> allowedBuckets, List<String> allowedAccounts, List<Route> routes) {
        this.allowedBuckets = List.copyOf(allowedBuckets);
        this.allowedAccounts = List.copyOf(allowedAccounts);
        this.routes = List.copyOf(routes);
        this.compiledRoutes = this.routes.stream().map(CompiledRoute::new).toList();
    }

    /**
     * Why an object's event must be rejected, or empty when its bucket and account are on the allowlist and, for a
     * completion marker, its key is plain: a {@code .} or {@code ..} segment, which no report writes, could make a
     * report read its files from elsewhere once a client or a file system normalises the path.
     */
    public Optional<String> rejection(ObjectCreated object) {
        if (!allowedBuckets.contains(object.bucket())) {
            return Optional.of("bucket-not-allowed");
        }
        if (!allowedAccounts.isEmpty() && object.accountId() != null && !allowedAccounts.contains(object.accountId())) {
            return Optional.of("account-not-allowed");
        }
        if (route(object.bucket(), object.key()).isPresent()
                && Arrays.stream(object.key().split("/", -1)).anyMatch(part -> part.equals(".") || part.equals(".."))) {
            return Optional.of("key-has-dot-segments");
        }
        return Optional.empty();
    }

    /** The first route whose rules the object's bucket and key match. */
    public Optional<Route> route(String bucket, String key) {
        return compiledRoutes.stream()
                .filter(route -> route.matches(bucket, key))
                .map(CompiledRoute::route)
                .findFirst();
    }

    /** The configured routes, in order. */
    public List<Route> routes() {
        return routes;
    }

    /** The route of a pipeline, by name. */
    public Optional<Route> routeOf(String pipeline) {
        return routes.stream()
                .filter(route -> route.pipeline().equals(pipeline))
                .findFirst();
    }

    private record CompiledRoute(Route route, Pattern glob) {

        CompiledRoute(Route route) {
            this(route, route.glob() == null || route.glob().isBlank() ? null : KeyGlob.compile(route.glob()));
        }

        boolean matches(String bucket, String key) {
            if (!route.bucket().equals(bucket) || !key.startsWith(route.prefix())) {
                return false;
            }
            if (route.suffix() != null && !route.suffix().isBlank() && !key.endsWith(route.suffix())) {
                return false;
            }
            return glob == null || glob.matcher(key).matches();
        }
    }
}
