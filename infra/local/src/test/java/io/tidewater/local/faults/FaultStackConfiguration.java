package io.tidewater.local.faults;

import io.tidewater.local.stack.LocalStackProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToIntFunction;

/** The local stack's configuration as a fault test writes it for {@code ./tidewater up --config}. */
public final class FaultStackConfiguration {

    private FaultStackConfiguration() {}

    /** The bundled configuration on free ports, so that tests run beside anything else. */
    public static LocalStackProperties onFreePorts() {
        return LocalStackProperties.defaults().withPorts(freePort(), freePort());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port: " + e.getMessage(), e);
        }
    }

    /**
     * A configuration on the given ports for a fault test: free ports, and short visibility timeouts so that a message a killed process held
     * comes back within seconds instead of minutes.
     */
    public static Path write(Path file, LocalStackProperties properties, int visibilityTimeoutSeconds) {
        return write(file, properties, queue -> visibilityTimeoutSeconds);
    }

    /**
     * A configuration on the given ports with each queue's visibility timeout as configured (the bundled ones are the
     * services' lease), so that a restart is timed as a user's stack restarts.
     */
    public static Path write(Path file, LocalStackProperties properties) {
        return write(file, properties, LocalStackProperties.Queue::visibilityTimeoutSeconds);
    }

    private static Path write(
            Path file,
            LocalStackProperties properties,
            ToIntFunction<LocalStackProperties.Queue> visibilityTimeoutSeconds) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("region: ").append(properties.region()).append('\n');
        yaml.append("s3:\n  port: ").append(properties.s3().port()).append("\n  buckets:\n");
        properties.s3().buckets().forEach(bucket -> yaml.append("    - ")
                .append(bucket)
                .append('\n'));
        yaml.append("  notifications:\n");
        properties.s3().notifications().forEach(notification -> yaml.append("    - bucket: ")
                .append(notification.bucket())
                .append("\n      queue: ")
                .append(notification.queue())
                .append('\n'));
        yaml.append("sqs:\n  port: ").append(properties.sqs().port());
        yaml.append("\n  persist-messages: ").append(properties.sqs().persistMessages());
        yaml.append("\n  queues:\n");
        properties.sqs().queues().forEach(queue -> yaml.append("    - name: ")
                .append(queue.name())
                .append("\n      max-receive-count: ")
                .append(queue.maxReceiveCount())
                .append("\n      visibility-timeout-seconds: ")
                .append(visibilityTimeoutSeconds.applyAsInt(queue))
                .append('\n'));
        try {
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a fault test's stack configuration " + file, e);
        }
    }
}
