package io.tidewater.service.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the shared meters are gathered.
 *
 * @param queueDepthInterval how often the depth of each queue is read from SQS
 * @param queueDepthTimeout how long one read may take
 */
@ConfigurationProperties("tidewater.metrics")
public record MetricsProperties(
        @DefaultValue("30s") Duration queueDepthInterval, @DefaultValue("5s") Duration queueDepthTimeout) {

    public MetricsProperties {
        if (queueDepthInterval.isNegative() || queueDepthInterval.isZero()) {
            throw new IllegalArgumentException(
                    "Cannot poll queue depths: tidewater.metrics.queue-depth-interval must be positive, not "
                            + queueDepthInterval);
        }
    }
}
