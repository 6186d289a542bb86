package io.tidewater.contract;

/**
 * How the pipeline names a queue's dead-letter queue and why a message was parked there: part of the contract, so
 * that the services that park messages, the trigger's redrive and the deployments that create the queues agree.
 */
public final class DeadLetterQueues {

    /** The suffix that names a queue's dead-letter queue: {@code <queue>-dlq}. */
    public static final String SUFFIX = "-dlq";

    /** The message attribute that says why a message was parked. */
    public static final String FAILURE_REASON_HEADER = "tidewater-failure-reason";

    private DeadLetterQueues() {}

    /** The dead-letter queue of a queue, by name. */
    public static String of(String queue) {
        return queue + SUFFIX;
    }
}
