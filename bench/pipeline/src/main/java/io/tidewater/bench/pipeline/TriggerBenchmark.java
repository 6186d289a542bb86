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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * run ledger, ReportArrived sent), against two bare loops on the same embedded SQS in the same round: a pipe that does
 * the trigger's SQS work (receive, delete, forward) with as many receivers as the trigger has polls while the events
 * are sent, and a single
 * receive-and-delete drain after the send. A fifth of each round's events are redeliveries the ledger must drop.
 */
@Command(name = "trigger", mixinStandardHelpOptions = true, description = "Events per second through the trigger.")
final class TriggerBenchmark implements Callable<Integer> {

    static final String EVENTS_QUEUE = "tidewater-s3-events";
    static final String REPORTS_QUEUE = "tidewater-inventory-reports";
    static final String DRAIN_QUEUE = "bench-sqs-drain";
    static final String PIPE_IN_QUEUE = "bench-sqs-pipe-in";
    static final String PIPE_OUT_QUEUE = "bench-sqs-pipe-out";
    // As many receivers as the trigger's events listener has polls in flight (maxConcurrentMessages 100 / 10).
    private static final int PIPE_RECEIVERS = 10;

    /** One round: events sent, runs started, and the three rates. */
    record Round(
            int round,
            boolean warmUp,
            int events,
            int distinct,
            double triggerSeconds,
            double pipeSeconds,
            double drainSeconds) {
        double triggerEventsPerSecond() {
            return events / triggerSeconds;
        }

        double pipeEventsPerSecond() {
            return events / pipeSeconds;
        }

        double drainEventsPerSecond() {
            return events / drainSeconds;
        }
    }

    record TriggerResult(
            int eventsPerRound,
            String sqliteSynchronous,
            double duplicateShare,
            int warmUps,
            int repetitions,
            double medianTriggerEventsPerSecond,
            double medianPipeEventsPerSecond,
            double medianDrainEventsPerSecond,
            List<Round> rounds) {}

    @Option(names = "--events", defaultValue = "3000", description = "Events per round (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(
            names = "--sqlite-synchronous",
            defaultValue = "FULL",
            description = "The ledger's SQLite synchronous: FULL (the trigger's choice) or NORMAL, to price it.")
    String sqliteSynchronous;

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
            String pipeIn = sqs.createQueue(request -> request.queueName(PIPE_IN_QUEUE)).queueUrl();
            String pipeOut = sqs.createQueue(request -> request.queueName(PIPE_OUT_QUEUE)).queueUrl();
            Map<String, Object> arguments = new LinkedHashMap<>(LocalServices.awsProperties(stack));
            arguments.put("server.port", "0");
            arguments.put(
                    "tidewater.trigger.ledger.url",
                    "jdbc:sqlite:" + dataDirectory.resolve("workflow-trigger.db") + "?synchronous="
                            + sqliteSynchronous);
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
                    double pipeSeconds = pipe(sqs, pipeIn, pipeOut, bodies);
                    double drainSeconds = drain(sqs, drainQueue, bodies);
                    Round measured = new Round(
                            round, round < warmUps, bodies.size(), distinct, triggerSeconds, pipeSeconds, drainSeconds);
                    rounds.add(measured);
                    System.out.printf(
                            Locale.ROOT,
                            "round %d%s trigger %,.0f events/s (%.2f s), bare SQS pipe %,.0f events/s (%.2f s), "
                                    + "bare SQS drain %,.0f events/s (%.2f s)%n",
                            round,
                            measured.warmUp() ? " (warm-up)" : "",
                            measured.triggerEventsPerSecond(),
                            triggerSeconds,
                            measured.pipeEventsPerSecond(),
                            pipeSeconds,
                            measured.drainEventsPerSecond(),
                            drainSeconds);
                }
                TriggerResult result = new TriggerResult(
                        events,
                        sqliteSynchronous,
                        0.2,
                        warmUps,
                        repetitions,
                        median(rounds, Round::triggerEventsPerSecond),
                        median(rounds, Round::pipeEventsPerSecond),
                        median(rounds, Round::drainEventsPerSecond),
                        rounds);
                System.out.printf("Wrote %s%n", ResultFiles.write(results, "trigger", result));
                System.out.printf(
                        Locale.ROOT,
                        "RESULT trigger events=%d sqlite_synchronous=%s trigger_events_per_s=%.0f "
                                + "sqs_pipe_events_per_s=%.0f sqs_drain_events_per_s=%.0f ratio_vs_sqs_pipe=%.2f "
                                + "ratio_vs_sqs_drain=%.2f%n",
                        events,
                        sqliteSynchronous,
                        result.medianTriggerEventsPerSecond(),
                        result.medianPipeEventsPerSecond(),
                        result.medianDrainEventsPerSecond(),
                        result.medianTriggerEventsPerSecond() / result.medianPipeEventsPerSecond(),
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

    /**
     * From the first send until every event is consumed and every new report announced; then exactly the new reports
     * must be there, none twice.
     */
    private static double throughTrigger(SqsClient sqs, LocalStack stack, List<String> bodies, int reportsExpected)
            throws Exception {
        String events = stack.queueUrl(EVENTS_QUEUE);
        String reports = stack.queueUrl(REPORTS_QUEUE);
        long started = System.nanoTime();
        send(sqs, events, bodies);
        long deadline = started + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            // The reports queue first, and the events queue only once it is full: the poll is SQS work too.
            if (visible(sqs, reports) >= reportsExpected && messages(sqs, events) == 0) {
                double seconds = (System.nanoTime() - started) / 1e9;
                long announced = visible(sqs, reports);
                if (announced != reportsExpected) {
                    throw new IllegalStateException("Cannot trust the round: %d reports announced on %s, not %d"
                            .formatted(announced, REPORTS_QUEUE, reportsExpected));
                }
                return seconds;
            }
            Thread.sleep(50);
        }
        throw new TimeoutException("Cannot see %d reports on %s within 300 s (%d there)"
                .formatted(reportsExpected, REPORTS_QUEUE, visible(sqs, reports)));
    }

    /**
     * The trigger's SQS work without the trigger: while the bodies are sent, ten receivers take ten at a time, delete
     * them and forward every one (the trigger forwards four in five) to another queue, ten to a request.
     */
    private static double pipe(SqsClient sqs, String in, String out, List<String> bodies) throws Exception {
        AtomicInteger forwarded = new AtomicInteger();
        AtomicLong finished = new AtomicLong();
        ExecutorService receivers = Executors.newFixedThreadPool(PIPE_RECEIVERS);
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int receiver = 0; receiver < PIPE_RECEIVERS; receiver++) {
                running.add(receivers.submit(() -> {
                    while (forwarded.get() < bodies.size()) {
                        List<Message> received = sqs.receiveMessage(request ->
                                        request.queueUrl(in).maxNumberOfMessages(10).waitTimeSeconds(1))
                                .messages();
                        if (received.isEmpty()) {
                            continue;
                        }
                        sqs.deleteMessageBatch(request -> request.queueUrl(in).entries(deletions(received)));
                        send(sqs, out, received.stream().map(Message::body).toList());
                        if (forwarded.addAndGet(received.size()) >= bodies.size()) {
                            // Idle receivers still wait out their long poll; that wait is not the pipe's work.
                            finished.compareAndSet(0, System.nanoTime());
                        }
                    }
                    return null;
                }));
            }
            send(sqs, in, bodies);
            for (Future<?> receiver : running) {
                receiver.get(300, TimeUnit.SECONDS);
            }
            return (finished.get() - started) / 1e9;
        } finally {
            receivers.shutdownNow();
        }
    }

    private static List<DeleteMessageBatchRequestEntry> deletions(List<Message> received) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int index = 0; index < received.size(); index++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(String.valueOf(index))
                    .receiptHandle(received.get(index).receiptHandle())
                    .build());
        }
        return entries;
    }

    private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> rate) {
        return new Samples(rounds.stream()
                        .filter(round -> !round.warmUp())
                        .map(round -> rate.applyAsDouble(round))
                        .toList())
                .median();
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
            sqs.deleteMessageBatch(request -> request.queueUrl(queue).entries(deletions(received)));
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
