package io.tidewater.trigger.routing;

import jakarta.validation.constraints.NotBlank;

/**
 * Objects in {@code bucket} whose key starts with {@code prefix} and ends with {@code suffix} (or matches
 * {@code glob}) are completion markers of {@code pipeline}, announced on {@code queue}.
 *
 * @param pipeline the pipeline name, such as {@code inventory}
 * @param bucket the bucket the markers land in
 * @param prefix a key prefix, empty for the whole bucket; the sweep lists this prefix
 * @param suffix a key suffix such as {@code /manifest.checksum}, or {@code null} when {@code glob} is given
 * @param glob a key pattern: {@code *} within one path segment, {@code **} across segments, {@code ?} one character
 * @param queue the queue {@code ReportArrived} goes to
 * @param table the target table; runs for the same table never load at the same time. {@code null} leaves this
 *     route's runs unserialised (until the domain service reports {@code RunUpdated}, a held run would wait forever)
 */
public record Route(
        @NotBlank String pipeline,
        @NotBlank String bucket,
        String prefix,
        String suffix,
        String glob,
        @NotBlank String queue,
        String table) {
    public Route {
        prefix = prefix == null ? "" : prefix;
        if (isBlank(suffix) && isBlank(glob)) {
            throw new IllegalArgumentException(
                    "Cannot configure route " + pipeline + ": give a suffix or a glob for its completion markers");
        }
        table = isBlank(table) ? null : table;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
