package io.tidewater.bench.pipeline;

import io.tidewater.local.services.LocalServices;
import io.tidewater.local.stack.LocalStack;
import io.tidewater.trigger.WorkflowTriggerApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * {@code bench/run trigger}: S3 events per second through workflow-trigger alone (parse, allowlist, route, dedup in its
 * run ledger, ReportArrived sent), against a bare receive-and-delete loop on the same embedded SQS in the same round:
 * the ceiling the queue itself sets. A fifth of each round's events are redeliveries the ledger must drop.
 */
@Command(name = "trigger", mixinStandardHelpOptions = true, description = "Events per second through the trigger.")
final class TriggerBenchmark implements Callable<Integer> {

    static final String EVENTS_QUEUE = "tidewater-s3-events";
    static final String REPORTS_QUEUE = "tidewater-inventory-reports";
    static final String DRAIN_QUEUE = "bench-sqs-drain";

    /** One round: events sent, runs started, and both rates. */
    record Round(int round, boolean warmUp, int events, int distinct, double triggerSeconds, double drainSeconds) {
        double triggerEventsPerSecond() {
            return events / triggerSeconds;
        }

        double drainEventsPerSecond() {
            return events / drainSeconds;
        }
    }

    record TriggerResult(
            int eventsPerRound,
            double duplicateShare,
            int warmUps,
            int repetitions,
            double medianTriggerEventsPerSecond,
            double medianDrainEventsPerSecond,
            List<Round> rounds) {}

    @Option(names = "--events", defaultValue = "500", description = "Events per round (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--repetitions", defaultValue = "5", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--warm-ups", defaultValue = "1", description = "Unmeasured rounds (default: ${DEFAULT-VALUE}).")
    int warmUps;

    @Option(names = "--work", required = true)
    Path work;

    @Option(names = "--results", required = true)
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TriggerBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dataDirectory = work.resolve("stack");
        try (LocalStack stack = BenchStack.startStackOnly(dataDirectory);
                SqsClient sqs = BenchStack.sqsClient(stack)) {
            String drainQueue = sqs.createQueue(request -> request.queueName(DRAIN_QUEUE)).queueUrl();
            Map<String, Object> arguments = new LinkedHashMap<>(LocalServices.awsProperties(stack));
            arguments.put("server.port", "0");
            String[] args = arguments.entrySet().stream()
                    .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                    .toArray(String[]::new);
            // The trigger alone: no inventory-service takes the ReportArrived messages, so they can be counted.
            try (ConfigurableApplicationContext triggerService =
                    WorkflowTriggerApplication.application().run(args)) {
                List<Round> rounds = new ArrayList<>();
                int distinctSoFar = 0;
                for (int round = 0; round < warmUps + repetitions; round++) {
                    List<String> bodies = bodies(round);
                    int distinct = events - events / 5;
                    double triggerSeconds = throughTrigger(sqs, stack, bodies, distinctSoFar + distinct);
                    distinctSoFar += distinct;
                    double drainSeconds = drain(sqs, drainQueue, bodies);
                    Round measured = new Round(round, round < warmUps, bodies.size(), distinct, triggerSeconds,
                            drainSeconds);
                    rounds.add(measured);
                    System.out.printf(
                            Locale.ROOT,
                            "round %d%s trigger %,.0f events/s (%.2f s), bare SQS drain %,.0f events/s (%.2f s)%n",
                            round,
                            measured.warmUp() ? " (warm-up)" : "",
                            measured.triggerEventsPerSecond(),
                            triggerSeconds,
                            measured.drainEventsPerSecond(),
                            drainSeconds);
                }
                Samples trigger = new Samples(rounds.stream()
                        .filter(round -> !round.warmUp())
                        .map(Round::triggerEventsPerSecond)
                        .toList());
                Samples drain = new Samples(rounds.stream()
                        .filter(round -> !round.warmUp())
                        .map(Round::drainEventsPerSecond)
                        .toList());
                TriggerResult result =
                        new TriggerResult(events, 0.2, warmUps, repetitions, trigger.median(), drain.median(), rounds);
                System.out.printf("Wrote %s%n", ResultFiles.write(results, "trigger", result));
                System.out.printf(
                        Locale.ROOT,
                        "RESULT trigger events=%d trigger_events_per_s=%.0f sqs_drain_events_per_s=%.0f "
                                + "ratio_vs_sqs_drain=%.2f%n",
                        events,
                        result.medianTriggerEventsPerSecond(),
                        result.medianDrainEventsPerSecond(),
                        result.medianTriggerEventsPerSecond() / result.medianDrainEventsPerSecond());
            }
        }
        return 0;
    }

    /** Four fifths new manifest.checksum markers, one fifth the same events delivered again (SQS is at-least-once). */
    private List<String> bodies(int round) {
        int distinct = events - events / 5;
        List<String> bodies = new ArrayList<>(events);
        for (int index = 0; index < distinct; index++) {
            String key = "inventory/bench-bucket-%d/daily/2026-01-05T01-00Z/manifest.checksum".formatted(
                    round * 1_000_000 + index);
            bodies.add(S3Events.objectCreated("tidewater-inventory", key, "%018X".formatted(index + 1)));
        }
        for (int index = 0; bodies.size() < events; index++) {
            bodies.add(bodies.get(index * 4));
        }
        return bodies;
    }

    /** From the first send until every event is consumed and every new report announced. */
    private static double throughTrigger(SqsClient sqs, LocalStack stack, List<String> bodies, int reportsExpected)
            throws Exception {
        String events = stack.queueUrl(EVENTS_QUEUE);
        String reports = stack.queueUrl(REPORTS_QUEUE);
        long started = System.nanoTime();
        send(sqs, events, bodies);
        long deadline = started + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (messages(sqs, events) == 0 && visible(sqs, reports) >= reportsExpected) {
                return (System.nanoTime() - started) / 1e9;
            }
            Thread.sleep(20);
        }
        throw new TimeoutException("Cannot see %d reports on %s within 300 s (%d there)"
                .formatted(reportsExpected, REPORTS_QUEUE, visible(sqs, reports)));
    }

    /** The same bodies through a bare loop: send, receive ten at a time, delete in batches. */
    private static double drain(SqsClient sqs, String queue, List<String> bodies) {
        long started = System.nanoTime();
        send(sqs, queue, bodies);
        int deleted = 0;
        while (deleted < bodies.size()) {
            List<Message> received = sqs.receiveMessage(request ->
                            request.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            if (received.isEmpty()) {
                continue;
            }
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int index = 0; index < received.size(); index++) {
                Message message = received.get(index);
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(String.valueOf(index))
                        .receiptHandle(message.receiptHandle())
                        .build());
            }
            sqs.deleteMessageBatch(request -> request.queueUrl(queue).entries(entries));
            deleted += received.size();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static void send(SqsClient sqs, String queue, List<String> bodies) {
        for (int from = 0; from < bodies.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int index = from; index < Math.min(from + 10, bodies.size()); index++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(String.valueOf(index - from))
                        .messageBody(bodies.get(index))
                        .build());
            }
            sqs.sendMessageBatch(request -> request.queueUrl(queue).entries(entries));
        }
    }

    private static long messages(SqsClient sqs, String queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(queue)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static long visible(SqsClient sqs, String queue) {
        return Long.parseLong(sqs.getQueueAttributes(request -> request.queueUrl(queue)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

}
