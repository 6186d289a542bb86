package io.tidewater.trigger.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The trigger's settings under {@code tidewater.trigger}.
 *
 * @param eventsQueue the queue S3 event notifications arrive on
 * @param allowedBuckets buckets whose events are processed; events for any other bucket are rejected
 * @param routes completion-marker rules, first match wins
 */
@Validated
@ConfigurationProperties("tidewater.trigger")
public record TriggerProperties(
        @NotBlank String eventsQueue, @NotEmpty List<String> allowedBuckets, @NotEmpty List<@Valid Route> routes) {

    public TriggerProperties {
        allowedBuckets = List.copyOf(allowedBuckets);
        routes = List.copyOf(routes);
    }

    /**
     * Objects in {@code bucket} whose key starts with {@code prefix} and ends with {@code suffix} are completion markers
     * of {@code pipeline}, announced on {@code queue}.
     */
    public record Route(
            @NotBlank String pipeline,
            @NotBlank String bucket,
            String prefix,
            @NotBlank String suffix,
            @NotBlank String queue) {
        public Route {
            prefix = prefix == null ? "" : prefix;
        }

        boolean matches(String bucketName, String key) {
            return bucket.equals(bucketName) && key.startsWith(prefix) && key.endsWith(suffix);
        }
    }
}
