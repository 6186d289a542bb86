package io.tidewater.aws;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * The completion-marker routes of {@code workflow-trigger.yml}, which the pom puts on this app's classpath as the
 * trigger ships it: the deployment routes the same markers and has S3 notify of them, with no copy of the patterns.
 *
 * @param routes the routes in the yml's order (the trigger takes the first that matches)
 */
record TriggerRoutes(List<Route> routes) {

    static final String RESOURCE = "workflow-trigger.yml";

    TriggerRoutes {
        routes = List.copyOf(routes);
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("Cannot deploy the trigger: " + RESOURCE + " declares no routes");
        }
    }

    /**
     * One route as {@code tidewater.trigger.routes} spells it; {@code bucket} is a bucket of the local stack, which the
     * deployment replaces with its own.
     */
    record Route(
            String pipeline, String bucket, String prefix, String suffix, String glob, String queue, String table) {
        Route {
            Objects.requireNonNull(pipeline, "pipeline is null");
            Objects.requireNonNull(bucket, "bucket is null");
            Objects.requireNonNull(queue, "queue is null");
            if ((suffix == null) == (glob == null)) {
                throw new IllegalArgumentException("Cannot deploy route " + pipeline
                        + ": give either a suffix or a glob, not " + suffix + "/" + glob);
            }
            // The deployment's report prefixes come from its props; a prefix in the yml would be the local stack's.
            if (prefix != null && !prefix.isEmpty()) {
                throw new IllegalArgumentException("Cannot deploy route " + pipeline + ": its prefix " + prefix
                        + " would override the deployment's");
            }
        }

        /** The literal end that every key this route matches has: the suffix, or the glob after its last wildcard. */
        String keyEnding() {
            if (suffix != null) {
                return suffix;
            }
            int lastWildcard = Math.max(glob.lastIndexOf('*'), glob.lastIndexOf('?'));
            return glob.substring(lastWildcard + 1);
        }
    }

    /** The routes of the trigger's own {@code workflow-trigger.yml}. */
    static TriggerRoutes shipped() {
        try (InputStream yml = TriggerRoutes.class.getResourceAsStream(RESOURCE)) {
            if (yml == null) {
                throw new IllegalStateException("Cannot read the trigger's routes: " + RESOURCE
                        + " is not on the classpath (infra/aws/pom.xml copies it from workflow-trigger)");
            }
            return read(yml);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the trigger's routes from " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static TriggerRoutes read(InputStream yml) throws IOException {
        YAMLMapper mapper = new YAMLMapper();
        JsonNode routes = mapper.readTree(yml).at("/tidewater/trigger/routes");
        if (!routes.isArray()) {
            throw new IllegalArgumentException(
                    "Cannot read the trigger's routes: " + RESOURCE + " has no list tidewater.trigger.routes");
        }
        // A route property this app does not know would be dropped from the deployment silently: refuse it.
        List<Route> parsed = mapper.readerForListOf(Route.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(routes);
        return new TriggerRoutes(parsed);
    }

    /**
     * The key suffix of the bucket's event notification: the longest one that every route of the bucket's markers
     * ends with, since S3 filters by one prefix and one suffix and refuses overlapping filters on a bucket.
     */
    String notificationSuffix(String bucket) {
        List<String> endings = routes.stream()
                .filter(route -> route.bucket().equals(bucket))
                .map(Route::keyEnding)
                .toList();
        if (endings.isEmpty()) {
            throw new IllegalArgumentException("Cannot find a route for bucket " + bucket + " in " + RESOURCE);
        }
        String common = endings.get(0);
        for (String ending : endings) {
            int length = 0;
            while (length < Math.min(common.length(), ending.length())
                    && common.charAt(common.length() - 1 - length) == ending.charAt(ending.length() - 1 - length)) {
                length++;
            }
            common = common.substring(common.length() - length);
        }
        if (common.isEmpty()) {
            throw new IllegalArgumentException("Cannot filter the events of bucket " + bucket
                    + ": its routes' markers share no key suffix " + endings);
        }
        return common;
    }
}
