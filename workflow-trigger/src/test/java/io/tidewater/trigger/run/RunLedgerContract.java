package io.tidewater.trigger.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.tidewater.contract.RunState;
import io.tidewater.trigger.routing.InvalidEventException;
import io.tidewater.trigger.routing.ObjectCreated;
import io.tidewater.trigger.routing.Route;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The ledger's SQL, the same on every database it supports; subclasses say which database. */
abstract class RunLedgerContract {

    private static final Route INVENTORY =
            new Route("inventory", "bucket", "", "/manifest.checksum", null, "reports", null);

    private HikariDataSource dataSource;
    RunRepository runs;
    KeyPositionRepository keyPositions;
    TableSlotRepository tableSlots;
    PausedPipelineRepository pausedPipelines;
    RunRecorder recorder;

    abstract String jdbcUrl() throws Exception;

    @BeforeEach
    void migrate() throws Exception {
        dataSource = new HikariDataSource();
        String url = jdbcUrl();
        dataSource.setJdbcUrl(url);
        // As in LedgerConfiguration: one connection for SQLite; Flyway takes two on PostgreSQL.
        dataSource.setMaximumPoolSize(url.startsWith("jdbc:sqlite:") ? 1 : 3);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/workflow-trigger")
                .table("workflow_trigger_schema_history")
                .load()
                .migrate();
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(dataSource);
        runs = new RunRepository(jdbc);
        keyPositions = new KeyPositionRepository(jdbc);
        tableSlots = new TableSlotRepository(jdbc);
        pausedPipelines = new PausedPipelineRepository(jdbc);
        recorder = new RunRecorder(
                runs,
                keyPositions,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                Clock.fixed(Instant.parse("2025-01-22T00:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    static Run received(String runId, String table) {
        Instant now = Instant.parse("2025-01-21T23:21:10.123Z");
        return new Run(
                runId,
                "inventory",
                "bucket",
                "key/" + runId,
                null,
                "etag",
                9,
                "01",
                now,
                table,
                "queue",
                RunSource.EVENT,
                RunState.RECEIVED,
                1,
                0,
                null,
                now,
                now,
                null,
                null);
    }

    @Test
    void recordsOneRunPerRunId() {
        Run run = received(UUID.randomUUID().toString(), null);

        assertThat(runs.insert(run, "v")).isTrue();
        assertThat(runs.insert(run, "v")).isFalse();
        assertThat(runs.find(run.runId())).contains(run);
    }

    @Test
    void letsOneRunHoldATableUntilItIsReleased() {
        assertThat(tableSlots.claim("billing.cur", "a")).isTrue();
        assertThat(tableSlots.claim("billing.cur", "a")).as("reentrant").isTrue();
        assertThat(tableSlots.claim("billing.cur", "b")).isFalse();

        tableSlots.release("a");

        assertThat(tableSlots.claim("billing.cur", "b")).isTrue();
        assertThat(tableSlots.holder("billing.cur")).contains("b");
    }

    @Test
    void movesStateOnlyFromTheExpectedOneAndKeepsTheHistory() {
        Run run = received(UUID.randomUUID().toString(), null);
        runs.insert(run, "v");
        Instant at = run.createdAt().plusSeconds(1);

        assertThat(runs.transition(run.runId(), RunState.RECEIVED, RunState.ROUTED, at))
                .isTrue();
        assertThat(runs.transition(run.runId(), RunState.RECEIVED, RunState.ROUTED, at))
                .isFalse();
        runs.update(run.runId(), RunState.FAILED, "inventory.objects", 0, "Cannot read file x", at.plusSeconds(1));

        assertThat(runs.find(run.runId()).orElseThrow()).satisfies(updated -> {
            assertThat(updated.state()).isEqualTo(RunState.FAILED);
            assertThat(updated.targetTable()).isEqualTo("inventory.objects");
            assertThat(updated.detail()).isEqualTo("Cannot read file x");
            assertThat(updated.routedAt()).isEqualTo(at);
            assertThat(updated.finishedAt()).isEqualTo(at.plusSeconds(1));
        });
        assertThat(runs.transitions(run.runId()))
                .extracting(RunTransition::state)
                .containsExactly(RunState.RECEIVED, RunState.ROUTED, RunState.FAILED);
    }

    @Test
    void keepsTheNewestPositionPerKey() {
        keyPositions.save("b", "k", new KeyPosition("01", Instant.EPOCH));
        keyPositions.save("b", "k", new KeyPosition("02", Instant.EPOCH.plusSeconds(1)));

        assertThat(keyPositions.find("b", "k")).contains(new KeyPosition("02", Instant.EPOCH.plusSeconds(1)));
    }

    @Test
    void leavesPausedPipelinesOutOfTheWaitingRuns() {
        Run run = received(UUID.randomUUID().toString(), null);
        runs.insert(run, "v");

        pausedPipelines.pause("inventory", Instant.EPOCH);
        assertThat(runs.waiting()).isEmpty();

        pausedPipelines.resume("inventory");
        assertThat(runs.waiting()).extracting(Run::runId).containsExactly(run.runId());
    }

    @Test
    void findsRunsStillRoutedThatWereRoutedBeforeAnInstant() {
        Run stale = received(UUID.randomUUID().toString(), null);
        Run recent = received(UUID.randomUUID().toString(), null);
        Run crawled = received(UUID.randomUUID().toString(), null);
        Run waiting = received(UUID.randomUUID().toString(), null);
        for (Run run : new Run[] {stale, recent, crawled, waiting}) {
            runs.insert(run, run.runId());
        }
        Instant restart = Instant.parse("2025-01-22T00:00:00Z");
        runs.transition(stale.runId(), RunState.RECEIVED, RunState.ROUTED, restart.minusSeconds(5));
        runs.transition(recent.runId(), RunState.RECEIVED, RunState.ROUTED, restart.plusSeconds(5));
        runs.transition(crawled.runId(), RunState.RECEIVED, RunState.ROUTED, restart.minusSeconds(60));
        runs.update(crawled.runId(), RunState.CRAWLED, null, 0, null, restart.minusSeconds(30));

        assertThat(runs.routedBefore(restart)).containsExactly(stale.runId());
    }

    @Test
    void countsEachPipelinesRunsByStateWithTheLastFinishTime() {
        Run succeeded = received(UUID.randomUUID().toString(), null);
        Run failed = received(UUID.randomUUID().toString(), null);
        Run loading = received(UUID.randomUUID().toString(), null);
        for (Run run : new Run[] {succeeded, failed, loading}) {
            runs.insert(run, run.runId());
        }
        Instant finished = Instant.parse("2025-01-22T00:00:00Z");
        runs.update(succeeded.runId(), RunState.SUCCEEDED, "inventory.objects", 10, null, finished.minusSeconds(60));
        runs.update(failed.runId(), RunState.FAILED, null, 0, "Cannot read manifest", finished);
        runs.update(loading.runId(), RunState.LOADING, null, 0, null, finished);

        assertThat(runs.pipelineRuns()).singleElement().satisfies(pipeline -> {
            assertThat(pipeline.pipeline()).isEqualTo("inventory");
            assertThat(pipeline.runsByState())
                    .containsOnly(
                            Map.entry(RunState.SUCCEEDED, 1L),
                            Map.entry(RunState.FAILED, 1L),
                            Map.entry(RunState.LOADING, 1L));
            assertThat(pipeline.inFlight()).isEqualTo(1);
            assertThat(pipeline.lastFinishedAt()).isEqualTo(finished);
        });
    }

    private static RunRequest marker(String key, String eTag, String sequencer) {
        return new RunRequest(
                new ObjectCreated(
                        "bucket", key, 33, eTag, null, sequencer, Instant.parse("2025-01-21T23:21:10Z"), null),
                INVENTORY,
                RunSource.EVENT);
    }

    private static StartOutcome outcome(StartAttempt attempt) {
        assertThat(attempt).isInstanceOf(StartAttempt.Recorded.class);
        return ((StartAttempt.Recorded) attempt).outcome();
    }

    @Test
    void recordsOneRunForAnObjectVersionDeliveredTwiceInOneBatch() {
        String key = "inventory/" + UUID.randomUUID() + "/manifest.checksum";

        List<StartAttempt> attempts = recorder.record(List.of(
                marker(key, "etag", "0A"), marker("other/manifest.checksum", "e", "01"), marker(key, "etag", "0A")));

        assertThat(outcome(attempts.get(0))).isInstanceOf(StartOutcome.Started.class);
        assertThat(outcome(attempts.get(1))).isInstanceOf(StartOutcome.Started.class);
        assertThat(outcome(attempts.get(2)))
                .isInstanceOfSatisfying(StartOutcome.Duplicate.class, duplicate -> assertThat(
                                duplicate.run().runId())
                        .isEqualTo(((StartOutcome.Started) outcome(attempts.get(0)))
                                .run()
                                .runId()));
        assertThat(runs.waiting()).extracting(Run::key).containsExactlyInAnyOrder(key, "other/manifest.checksum");
    }

    @Test
    void startsOnlyTheNewestEventOfAKeyInOneBatchWhateverOrderTheyArrivedIn() {
        String key = "inventory/" + UUID.randomUUID() + "/manifest.checksum";

        List<StartAttempt> attempts = recorder.record(List.of(
                marker(key, "etag-old", "0062F1A2B3C4D5E6F6"),
                marker(key, "etag-new", "0062F1A2B3C4D5E6F7"),
                marker(key, "etag-older", "0062F1A2B3C4D5E6F5")));

        assertThat(outcome(attempts.get(0))).isInstanceOf(StartOutcome.Superseded.class);
        assertThat(outcome(attempts.get(1))).isInstanceOfSatisfying(StartOutcome.Started.class, started -> assertThat(
                        started.run().eTag())
                .isEqualTo("etag-new"));
        assertThat(outcome(attempts.get(2)))
                .isInstanceOfSatisfying(StartOutcome.Superseded.class, superseded -> assertThat(superseded.reason())
                        .contains("sequencer 0062F1A2B3C4D5E6F7"));
        assertThat(keyPositions.find("bucket", key))
                .hasValueSatisfying(position -> assertThat(position.sequencer()).isEqualTo("0062F1A2B3C4D5E6F7"));
        assertThat(runs.waiting()).extracting(Run::eTag).containsExactly("etag-new");
    }

    @Test
    void aRequestThatFailsInABatchLeavesNothingBehindAndItsNeighboursAreRecorded() {
        String failing = "inventory/" + UUID.randomUUID() + "/manifest.checksum";
        // A route without a pipeline fails after the key's position is saved: the savepoint must take that back.
        RunRequest broken = new RunRequest(
                marker(failing, "etag", "0B").object(),
                new Route(null, "bucket", "", "/manifest.checksum", null, "reports", null),
                RunSource.EVENT);
        RunRequest unversioned = new RunRequest(
                new ObjectCreated("bucket", "inventory/x/manifest.checksum", 1, null, null, null, Instant.EPOCH, null),
                INVENTORY,
                RunSource.EVENT);

        List<StartAttempt> attempts = recorder.record(List.of(
                marker("before/manifest.checksum", "e1", "01"),
                broken,
                unversioned,
                marker("after/manifest.checksum", "e2", "01")));

        assertThat(outcome(attempts.get(0))).isInstanceOf(StartOutcome.Started.class);
        assertThat(attempts.get(1))
                .isInstanceOfSatisfying(StartAttempt.NotRecorded.class, notRecorded -> assertThat(notRecorded.cause())
                        .isInstanceOf(NullPointerException.class)
                        .hasMessage("pipeline is null"));
        assertThat(attempts.get(2))
                .isInstanceOfSatisfying(StartAttempt.NotRecorded.class, notRecorded -> assertThat(notRecorded.cause())
                        .isInstanceOf(InvalidEventException.class)
                        .hasMessage("Cannot identify the version of s3://bucket/inventory/x/manifest.checksum: "
                                + "the event has no ETag, version id or sequencer"));
        assertThat(outcome(attempts.get(3))).isInstanceOf(StartOutcome.Started.class);
        assertThat(keyPositions.find("bucket", failing)).isEmpty();
        assertThat(runs.waiting())
                .extracting(Run::key)
                .containsExactlyInAnyOrder("before/manifest.checksum", "after/manifest.checksum");
    }
}
