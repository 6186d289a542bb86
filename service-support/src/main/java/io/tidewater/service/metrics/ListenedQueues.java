package io.tidewater.service.metrics;

import io.awspring.cloud.sqs.listener.AbstractMessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import io.tidewater.service.messaging.DeadLetters;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The queues this service's {@code @SqsListener}s read, found from the running listener containers so that no queue
 * is named twice in configuration; each has a dead-letter queue named {@code <queue>-dlq}, as the services park
 * messages there.
 */
public final class ListenedQueues {

    private final Supplier<Set<String>> inputs;

    ListenedQueues(Supplier<Set<String>> inputs) {
        this.inputs = inputs;
    }

    static ListenedQueues of(ObjectProvider<MessageListenerContainerRegistry> registries) {
        return new ListenedQueues(() -> {
            Set<String> queues = new LinkedHashSet<>();
            registries
                    .orderedStream()
                    .flatMap(registry -> registry.getListenerContainers().stream())
                    .filter(container -> container instanceof AbstractMessageListenerContainer<?, ?, ?>)
                    .forEach(container ->
                            queues.addAll(((AbstractMessageListenerContainer<?, ?, ?>) container).getQueueNames()));
            return queues;
        });
    }

    /** The queues the listeners read, by name or URL as the listeners name them. */
    public Set<String> inputs() {
        return Set.copyOf(inputs.get());
    }

    /** The input queues and their dead-letter queues. */
    public Set<String> withDeadLetterQueues() {
        Set<String> queues = new LinkedHashSet<>();
        for (String input : inputs.get()) {
            queues.add(input);
            queues.add(DeadLetters.queueOf(input));
        }
        return queues;
    }

    /** A queue's name for a tag: the last path segment of a URL, or the name itself. */
    public static String nameOf(String queue) {
        int slash = queue.lastIndexOf('/');
        return slash < 0 ? queue : queue.substring(slash + 1);
    }
}
