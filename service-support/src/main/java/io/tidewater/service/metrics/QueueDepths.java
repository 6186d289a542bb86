package io.tidewater.service.metrics;

import java.util.OptionalLong;

/** How many messages wait on a queue: the seam between the depth gauges and SQS. */
interface QueueDepths {

    /**
     * @param queue a queue name or URL
     * @return the approximate number of visible messages, or empty when the queue does not exist
     * @throws RuntimeException when the queue service cannot be asked
     */
    OptionalLong depth(String queue);
}
