package io.tidewater.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidewater.contract.MessageJson;
import io.tidewater.contract.ReportArrived;
import io.tidewater.contract.RunState;
import io.tidewater.local.faults.ChildStack;
import io.tidewater.local.faults.CompetingWriter;
import io.tidewater.local.faults.ExactlyOnceCheck;
import io.tidewater.local.faults.FaultReports;
import io.tidewater.local.faults.FaultStackConfiguration;
import io.tidewater.local.faults.PipelineProbe;
import io.tidewater.local.faults.SentReport;
import io.tidewater.local.stack.LocalStackProperties;
import io.tidewater.service.faults.CrashPoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * {@code ./tidewater up} in a child JVM, killed with SIGKILL in the middle of a load and halted at each named crash
 * point, then started again on the same data directory; duplicate deliveries, a poison message, a report with a bad
 * checksum and a competing writer on the same table come on top. Every report must end committed exactly once, with
 * its source's rows, or dead-lettered with a reason. The stack runs with the bundled queues' visibility timeouts and
 * the services' default lease ({@code tidewater.messaging.lease}), and the restart after the kill must commit within
 * {@link #RESTART_TO_COMMIT_LIMIT}.
 *
 * <p>Lean by default (for CI); {@code -Dtidewater.soak=true} sends more reports and goes through the crash points
 * several times.
 */
class CrashRecoveryIT {

    private static final boolean SOAK = Boolean.getBoolean("tidewater.soak");
    /** Issue 21: a report in flight at a kill was committed 285 s after the restart while jobs were held 300 s. */
    private static final Duration RESTART_TO_COMMIT_LIMIT = Duration.ofSeconds(90);

    private static final long ROWS_PER_REPORT = 300;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(SOAK ? 900 : 300);

    @Test
    void everyReportLandsExactlyOnceThroughKillsAndCrashPoints() throws Exception {
        // Under target/, not a temporary folder: the children's output and logs stay for a look after a failure.
        Path temp = Path.of("target", "crash-recovery-it").toAbsolutePath();
        FileSystemUtils.deleteRecursively(temp);
        // Each crash costs a start of Spark and four services. CI kills once from observed state (usually files
        // written, not committed), halts once where a load is committed but not acknowledged and once where the
        // loader's reply is recorded but the trigger not told; the soak halts at every named point twice.
        // The restart after the kill halts where its first load is committed, so that it times restart to commit.
        List<CrashPoint> crashPoints = SOAK
                ? Stream.of(CrashPoint.values())
                        .flatMap(point -> Stream.of(point, point))
                        .sorted(Comparator.comparing(point -> point != CrashPoint.COMMITTED_NOT_ACKNOWLEDGED))
                        .toList()
                : List.of(CrashPoint.COMMITTED_NOT_ACKNOWLEDGED, CrashPoint.RESULT_RECORDED_NOT_REPORTED);
        int firstBatch = SOAK ? 8 : 3;
        int reportsPerCrash = SOAK ? 2 : 1;
        int duplicatedAtTheEnd = 1;
        int count = firstBatch + crashPoints.size() * reportsPerCrash + duplicatedAtTheEnd + 1;
        List<SentReport> reports =
                FaultReports.generate(temp.resolve("reports"), "crash-source", count, ROWS_PER_REPORT, 2, 10);
        SentReport badChecksum = reports.get(count - 1);

        Path data = temp.resolve("data");
        LocalStackProperties properties = FaultStackConfiguration.onFreePorts();
        Path config = FaultStackConfiguration.write(temp.resolve("tidewater-local.yml"), properties);
        List<String> history = new ProgressLog();
        int generation = 0;
        int next = 0;
        long started = System.nanoTime();

        try (PipelineProbe probe = new PipelineProbe(properties, data)) {
            // kill -9 in the middle of a load, timed from what an operator sees in the table's metadata: a snapshot
            // staged but not yet published (files written, not committed), or else the first report committed while
            // the others are still on their way.
            try (ChildStack child = ChildStack.start(data, config, Optional.empty(), generation++)) {
                history.add("start %d: up in %d ms".formatted(generation - 1, child.startMillis()));
                List<SentReport> batch = reports.subList(next, next + firstBatch);
                next += firstBatch;
                FaultReports.uploadShuffled(probe.s3(), batch, 1);
                history.add("sent %d reports, shuffled, from 4 threads".formatted(batch.size()));
                AtomicReference<PipelineProbe.TableState> seen = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(240))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            seen.set(probe.table());
                            return seen.get().unpublishedStaged() > 0
                                    || seen.get().ancestry().stream().anyMatch(c -> c.idempotencyKey() != null);
                        });
                child.kill();
                history.add("kill -9 with %d snapshots staged, not published, and %d reports committed"
                        .formatted(
                                seen.get().unpublishedStaged(),
                                seen.get().ancestry().stream()
                                        .filter(c -> c.idempotencyKey() != null)
                                        .count()));
            }

            // A restarted stack takes up what was in flight at once, so it may reach its crash point before it is
            // even up; reports that could not be sent to a stack that halted go with the next start.
            List<SentReport> unsent = new ArrayList<>();
            for (CrashPoint point : crashPoints) {
                unsent.addAll(reports.subList(next, next + reportsPerCrash));
                next += reportsPerCrash;
                boolean afterKill = generation == 1;
                long restarted = System.nanoTime();
                try (ChildStack child = ChildStack.start(data, config, Optional.of(point), generation++)) {
                    history.add("start %d (crash at %s): %s"
                            .formatted(
                                    generation - 1,
                                    point.pointName(),
                                    child.isAlive()
                                            ? "up in " + child.startMillis() + " ms"
                                            : "halted while starting, after " + child.startMillis() + " ms"));
                    if (child.isAlive() && FaultReports.tryUploadShuffled(probe.s3(), unsent, generation)) {
                        history.add("sent %d reports".formatted(unsent.size()));
                        unsent.clear();
                    }
                    int status = child.awaitExit(Duration.ofSeconds(240));
                    assertThat(status).as("exit status at " + point.pointName()).isEqualTo(ChildStack.CRASHED_STATUS);
                    history.add("halted at %s".formatted(point.pointName()));
                    if (afterKill && point == CrashPoint.COMMITTED_NOT_ACKNOWLEDGED) {
                        // It halts the moment its loader's first commit lands, which makes the halt the commit's time;
                        // the table cannot be watched instead, as its files are served by the stack that halted.
                        Duration restartToCommit = Duration.ofNanos(System.nanoTime() - restarted);
                        history.add("restart after kill -9: up in %d ms, first commit %d ms after the restart"
                                .formatted(child.startMillis(), restartToCommit.toMillis()));
                        System.out.printf(
                                "FAULTS restart-to-commit=%.1fs (limit %ds)%n",
                                restartToCommit.toMillis() / 1000.0, RESTART_TO_COMMIT_LIMIT.toSeconds());
                        assertThat(restartToCommit)
                                .as("restart to commit after kill -9")
                                .isLessThanOrEqualTo(RESTART_TO_COMMIT_LIMIT);
                    }
                }
            }

            try (ChildStack child = ChildStack.start(data, config, Optional.empty(), generation++);
                    CompetingWriter competing = CompetingWriter.start(probe, 1_000)) {
                history.add(
                        "start %d: up in %d ms; %s".formatted(generation - 1, child.startMillis(), describe(probe)));
                SentReport duplicated = reports.get(next++);
                unsent.add(duplicated);
                FaultReports.uploadShuffled(probe.s3(), unsent, generation);
                deliverConcurrently(probe, duplicated, 3);
                FaultReports.reuploadMarkerConcurrently(probe.s3(), reports.get(0), 3);
                probe.sqs().sendMessage(request -> request.queueUrl(probe.queueUrl("tidewater-s3-events"))
                        .messageBody("{\"not\": \"an event\"}"));
                FaultReports.uploadWithBadChecksum(probe.s3(), badChecksum);
                history.add("sent 3 concurrent ReportArrived copies, 3 concurrent marker uploads, a poison event, a"
                        + " report with a bad checksum; competing writer on");

                AtomicReference<ExactlyOnceCheck.Verdict> verdict = new AtomicReference<>();
                await().atMost(SETTLE_TIMEOUT)
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> {
                            verdict.set(ExactlyOnceCheck.check(reports, probe.table(), probe.deadLetters(), 0));
                            return verdict.get().settled() && probe.pendingMessages() == 0;
                        });
                competing.close();
                assertThat(competing.commits()).as("competing commits").isPositive();
                ExactlyOnceCheck.Verdict settled =
                        ExactlyOnceCheck.check(reports, probe.table(), probe.deadLetters(), competing.rowsCommitted());
                history.add("settled after %d s: %s; competing writer: %d commits, %d failures %s"
                        .formatted(
                                (System.nanoTime() - started) / 1_000_000_000,
                                describe(probe),
                                competing.commits(),
                                competing.failures().size(),
                                competing.failures().stream().limit(3).toList()));
                settled.notes().forEach(note -> System.out.println("FAULTS note: " + note));
                System.out.println(settled.summary());

                // Every run the trigger started ends, also where the service that had to report its end was killed.
                await().atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> assertThat(probe.runStates().keySet())
                                .as("states of the trigger's runs, in %s", probe.runStates())
                                .isSubsetOf(finalStates()));
                history.add("runs by state: " + probe.runStates());
                assertThat(settled.violations()).isEmpty();
                assertThat(settled.lost()).isZero();
                assertThat(settled.duplicates()).isZero();
                assertThat(settled.committed()).isEqualTo(count - 1);
                assertThat(settled.outcomes())
                        .filteredOn(outcome -> outcome.report().equals(badChecksum))
                        .singleElement()
                        .satisfies(outcome -> assertThat(outcome.deadLetter())
                                .hasValueSatisfying(letter -> assertThat(letter.reason())
                                        .contains("manifest.checksum says 00000000000000000000000000000000")));
            }
        }
    }

    /** The same ReportArrived delivered {@code copies} times at once, as SQS's at-least-once delivery may. */
    private static void deliverConcurrently(PipelineProbe probe, SentReport report, int copies) {
        ReportArrived arrived = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> probe.reportArrived(FaultReports.DESTINATION_BUCKET, report.checksumKey()),
                        Optional::isPresent)
                .orElseThrow();
        String queue = probe.queueUrl("tidewater-inventory-reports");
        String body = MessageJson.write(arrived);
        CompletableFuture.allOf(IntStream.range(0, copies)
                        .mapToObj(copy -> CompletableFuture.runAsync(() -> probe.sqs()
                                .sendMessage(request -> request.queueUrl(queue).messageBody(body))))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    private static List<String> finalStates() {
        return Stream.of(RunState.values())
                .filter(RunState::isFinal)
                .map(RunState::name)
                .toList();
    }

    private static String describe(PipelineProbe probe) {
        PipelineProbe.TableState table = probe.table();
        return "%d snapshots in the ancestry (%d rows), %d staged never published; ledger %s"
                .formatted(
                        table.ancestry().size(),
                        table.totalRecords(),
                        table.unpublishedStaged(),
                        probe.ledgerStatuses().values());
    }

    /** The history, printed as it grows: a run that hangs shows how far it got. */
    private static final class ProgressLog extends ArrayList<String> {
        private final long started = System.nanoTime();

        @Override
        public boolean add(String line) {
            System.out.printf("FAULTS history +%ds: %s%n", (System.nanoTime() - started) / 1_000_000_000, line);
            return super.add(line);
        }
    }
}
