package io.tidewater.service.messaging;

import static java.util.Objects.requireNonNull;

/**
 * A message its listener could not read was parked on its queue's dead-letter queue; a stage counts it among its
 * rejections.
 *
 * @param queue the queue it was read from, by name or URL as its listener names it
 * @param reason why it could not be read
 */
public record UnreadableMessageParked(String queue, String reason) {

    public UnreadableMessageParked {
        requireNonNull(queue, "queue is null");
        requireNonNull(reason, "reason is null");
    }

    /** Whether it was read from this queue, given by name or URL as a service's properties give it. */
    public boolean isFrom(String queueNameOrUrl) {
        return nameOf(queueNameOrUrl).equals(nameOf(queue));
    }

    private static String nameOf(String queueNameOrUrl) {
        return queueNameOrUrl.substring(queueNameOrUrl.lastIndexOf('/') + 1);
    }
}
