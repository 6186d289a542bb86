package io.tidewater.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidewater.local.faults.ExactlyOnceCheck;
import io.tidewater.local.faults.FaultReports;
import io.tidewater.local.faults.FaultStackConfiguration;
import io.tidewater.local.faults.FaultyRelay;
import io.tidewater.local.faults.PipelineProbe;
import io.tidewater.local.faults.SentReport;
import io.tidewater.local.fixtures.LocalPipeline;
import io.tidewater.local.services.LocalServices;
import io.tidewater.local.stack.LocalStack;
import io.tidewater.local.stack.LocalStackProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four services reach S3 and SQS through relays that make the object store slow, then failing, and take the queue
 * endpoint away for a while; reports sent meanwhile must still load exactly once with all their rows.
 */
class ObjectStoreAndQueueFaultsIT {

    private static final boolean SOAK = Boolean.getBoolean("tidewater.soak");
    private static final int REPORTS_PER_FAULT = SOAK ? 4 : 1;
    private static final Duration FAULT_LENGTH = Duration.ofSeconds(SOAK ? 20 : 4);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(SOAK ? 600 : 180);
    /** Short, so that a message whose work failed in a fault comes back within seconds; leases are as long. */
    private static final int VISIBILITY_TIMEOUT_SECONDS = 5;

    @Test
    void reportsLoadExactlyOnceThroughASlowAndAFailingObjectStoreAndAQueueOutage(@TempDir Path temp) throws Exception {
        LocalStackProperties properties = LocalStackProperties.read(FaultStackConfiguration.write(
                temp.resolve("tidewater-local.yml"),
                FaultStackConfiguration.onFreePorts().withMessagePersistence(false),
                VISIBILITY_TIMEOUT_SECONDS));
        Path data = temp.resolve("data");
        List<SentReport> reports =
                FaultReports.generate(temp.resolve("reports"), "store-source", 3 * REPORTS_PER_FAULT, 300, 2, 20);
        try (LocalStack stack = LocalStack.start(properties, data);
                FaultyRelay s3 = FaultyRelay.to(properties.s3().port());
                FaultyRelay sqs = FaultyRelay.to(properties.sqs().port());
                LocalServices services = LocalServices.start(stack, relayed(s3, sqs));
                PipelineProbe probe = new PipelineProbe(properties, data)) {
            long started = System.nanoTime();
            StringBuilder history = new StringBuilder();

            s3.set(new FaultyRelay.Mode.Slow(250));
            List<SentReport> slow = reports.subList(0, REPORTS_PER_FAULT);
            FaultReports.uploadShuffled(probe.s3(), slow, 1);
            awaitCommitted(probe, slow);
            s3.pass();
            history.append(
                    "slow object store: %d reports loaded after %d s; ".formatted(slow.size(), seconds(started)));

            sendWhileFailing(probe, s3, reports.subList(REPORTS_PER_FAULT, 2 * REPORTS_PER_FAULT), 2);
            history.append("failing object store (%d connections reset): loaded after %d s; "
                    .formatted(s3.refused(), seconds(started)));

            sendWhileFailing(probe, sqs, reports.subList(2 * REPORTS_PER_FAULT, 3 * REPORTS_PER_FAULT), 3);
            history.append("queue endpoint away (%d connections reset): loaded after %d s"
                    .formatted(sqs.refused(), seconds(started)));

            AtomicReference<ExactlyOnceCheck.Verdict> verdict = new AtomicReference<>();
            await().atMost(LOAD_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                verdict.set(ExactlyOnceCheck.check(reports, probe.table(), probe.deadLetters(), 0));
                return verdict.get().settled() && probe.pendingMessages() == 0;
            });
            System.out.println("FAULTS history: " + history);
            verdict.get().notes().forEach(note -> System.out.println("FAULTS note: " + note));
            System.out.println(verdict.get().summary());
            assertThat(verdict.get().violations()).isEmpty();
            assertThat(verdict.get().committed()).isEqualTo(reports.size());
            assertThat(verdict.get().duplicates()).isZero();
            assertThat(s3.connections()).as("connections through the S3 relay").isPositive();
            assertThat(sqs.connections())
                    .as("connections through the SQS relay")
                    .isPositive();
        }
    }

    /** The services' S3 and SQS endpoints, the loader's catalog and Spark included, pointed at the relays. */
    private static Map<String, Object> relayed(FaultyRelay s3, FaultyRelay sqs) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("server.port", "0");
        overrides.put("tidewater.security.admin-token", LocalPipeline.ADMIN_TOKEN);
        overrides.put("tidewater.messaging.lease", VISIBILITY_TIMEOUT_SECONDS + "s");
        overrides.put("spring.cloud.aws.s3.endpoint", s3.endpoint());
        overrides.put("spring.cloud.aws.sqs.endpoint", sqs.endpoint());
        overrides.put("tidewater.loader.catalog.properties.s3.endpoint", s3.endpoint());
        overrides.put("tidewater.loader.spark.config.spark.hadoop.fs.s3a.endpoint", s3.endpoint());
        return overrides;
    }

    /** Sends reports while the relay resets every connection, keeps it failing a while, then waits for the loads. */
    private static void sendWhileFailing(PipelineProbe probe, FaultyRelay relay, List<SentReport> reports, long seed) {
        relay.set(new FaultyRelay.Mode.Failing());
        FaultReports.uploadShuffled(probe.s3(), reports, seed);
        await().pollDelay(FAULT_LENGTH).atMost(FAULT_LENGTH.plusSeconds(60)).until(() -> relay.refused() > 0);
        relay.pass();
        awaitCommitted(probe, reports);
    }

    private static void awaitCommitted(PipelineProbe probe, List<SentReport> reports) {
        await().atMost(LOAD_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            PipelineProbe.TableState table = probe.table();
            return reports.stream().allMatch(report -> table.ancestry().stream()
                    .anyMatch(commit -> report.idempotencyKey().equals(commit.idempotencyKey())));
        });
    }

    private static long seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000_000;
    }
}
