package io.tidewater.service.messaging;

import io.awspring.cloud.sqs.listener.Visibility;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tidewater.messaging}: how a listener holds the message it works on.
 *
 * @param lease how long a message stays invisible after its holder last extended it; the holder extends it every third
 *     of this while it works, so the message of a process that died comes back within one lease. The queues' own
 *     visibility timeouts are set to the same length.
 */
@ConfigurationProperties("tidewater.messaging")
public record MessagingProperties(@DefaultValue("30s") Duration lease) {

    /** Below this a heartbeat every third of the lease leaves too little room for one slow ChangeMessageVisibility. */
    static final Duration SHORTEST_LEASE = Duration.ofSeconds(3);

    public MessagingProperties {
        if (lease.compareTo(SHORTEST_LEASE) < 0
                || lease.toSeconds() > Visibility.MAX_VISIBILITY_TIMEOUT_SECONDS
                || lease.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException(
                    "Cannot hold messages: tidewater.messaging.lease must be whole seconds between %d s and %d s, not %s"
                            .formatted(SHORTEST_LEASE.toSeconds(), Visibility.MAX_VISIBILITY_TIMEOUT_SECONDS, lease));
        }
    }
}
