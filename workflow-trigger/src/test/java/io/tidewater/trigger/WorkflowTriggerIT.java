package io.tidewater.trigger;

import static io.tidewater.trigger.fixtures.RecordedEvents.objectCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.ReportArrived;
import io.tidewater.contract.RunState;
import io.tidewater.contract.RunUpdated;
import io.tidewater.trigger.fixtures.LocalAws;
import io.tidewater.trigger.fixtures.RecordedEvents;
import io.tidewater.trigger.run.Run;
import io.tidewater.trigger.run.RunFilter;
import io.tidewater.trigger.run.Runs;
import io.tidewater.trigger.sweep.BackupSweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** The trigger against ElasticMQ and S3Proxy in this JVM, with its SQLite ledger in a temporary directory. */
@SpringBootTest(
        classes = WorkflowTriggerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + WorkflowTriggerApplication.CONFIG_NAME,
            "tidewater.security.admin-token=" + WorkflowTriggerIT.ADMIN_TOKEN
        })
@ActiveProfiles("it")
class WorkflowTriggerIT {

    static final String ADMIN_TOKEN = "it-admin-token";
    private static final String EVENTS = "tidewater-s3-events";
    private static final String UPDATES = "tidewater-run-updates";
    private static final String INVENTORY = "it-inventory-reports";
    private static final String SERIAL = "it-serial-reports";
    private static final String NOTIFICATIONS = "it-run-notifications";
    private static final Duration QUIET = Duration.ofSeconds(2);

    // Not closed after the class: Spring closes its cached context (and its SQS listeners) only at JVM exit.
    static final LocalAws aws = LocalAws.start(
            List.of(EVENTS, UPDATES, INVENTORY, SERIAL, NOTIFICATIONS), List.of("it-inventory", "it-billing"));

    @DynamicPropertySource
    static void localAws(DynamicPropertyRegistry registry) throws Exception {
        Path dataDirectory = Files.createTempDirectory("workflow-trigger-it");
        registry.add("tidewater.data-dir", dataDirectory::toString);
        aws.springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    Runs runs;

    @Autowired
    BackupSweep sweep;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    private static String inventoryMarker() {
        return "inventory/source/config/" + UUID.randomUUID() + "/manifest.checksum";
    }

    private List<Run> runsOf(String key) {
        return runs.list(new RunFilter(null, null, null, 1000)).stream()
                .filter(run -> run.key().equals(key))
                .toList();
    }

    private RestClient admin() {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port + "/admin")
                .defaultHeader("Authorization", "Bearer " + ADMIN_TOKEN)
                .build();
    }

    @Test
    void duplicatedAndReorderedDeliveriesOfOneMarkerStartOneRun() {
        String key = inventoryMarker();
        String newer = objectCreated("it-inventory", key, "etag-new", "0062F1A2B3C4D5E6F7");
        String older = objectCreated("it-inventory", key, "etag-old", "0062F1A2B3C4D5E6F6");

        aws.send(EVENTS, newer);
        aws.send(EVENTS, newer);
        aws.send(EVENTS, older);
        aws.send(EVENTS, newer);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(aws.bodiesMentioning(INVENTORY, key))
                .hasSize(1));
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).untilAsserted(() -> assertThat(
                        aws.bodiesMentioning(INVENTORY, key))
                .hasSize(1));
        ReportArrived arrived =
                MessageJson.read(aws.bodiesMentioning(INVENTORY, key).get(0), ReportArrived.class);
        assertThat(arrived.eTag()).isEqualTo("etag-new");
        assertThat(arrived.size()).isEqualTo(33);
        assertThat(runsOf(key)).singleElement().satisfies(run -> assertThat(run.state())
                .isEqualTo(RunState.ROUTED));
    }

    @Test
    void keyWithSpacesPlusPercentAndNonAsciiArrivesDecoded() {
        String key = "inventory/src dir/a+b/100%/données/" + UUID.randomUUID() + "/manifest.checksum";

        aws.send(EVENTS, objectCreated("it-inventory", key, "etag", "01"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(runsOf(key))
                .singleElement()
                .extracting(Run::state)
                .isEqualTo(RunState.ROUTED));
        // ROUTED is committed before ReportArrived is sent (so that it is never sent twice): wait for the message.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(aws.bodiesMentioning(
                        INVENTORY, UUID.fromString(key.split("/")[5]).toString()))
                .singleElement()
                .satisfies(body -> assertThat(
                                MessageJson.read(body, ReportArrived.class).key())
                        .isEqualTo(key)));
    }

    @Test
    void testEventStartsNoRunAndIsAcknowledged() {
        int before = runs.list(new RunFilter(null, null, null, 1000)).size();

        aws.send(EVENTS, RecordedEvents.testEvent("it-inventory"));

        await().during(QUIET).atMost(QUIET.plusSeconds(5)).untilAsserted(() -> {
            assertThat(runs.list(new RunFilter(null, null, null, 1000))).hasSize(before);
            assertThat(aws.bodiesMentioning(EVENTS + "-dlq", "s3:TestEvent")).isEmpty();
        });
    }

    @Test
    void aRunThatEndsIsCountedOnceByItsFinalStateForTheAlerts() {
        String marker = inventoryMarker();
        aws.send(EVENTS, objectCreated("it-inventory", marker, "etag-1", "01"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(runsOf(marker)).hasSize(1));
        Run run = runsOf(marker).get(0);
        double before = failedRuns(run.pipeline());

        RunUpdated failed =
                new RunUpdated(run.runId(), RunState.FAILED, "inventory.objects", 0, "rejected", Instant.now());
        aws.send(UPDATES, MessageJson.write(failed));
        aws.send(UPDATES, MessageJson.write(failed));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(aws.bodiesMentioning(NOTIFICATIONS, run.runId()))
                        .hasSize(2));
        assertThat(failedRuns(run.pipeline()))
                .as("a repeated final update is notified again but counted once")
                .isEqualTo(before + 1);
    }

    private double failedRuns(String pipeline) {
        return meters.counter("tidewater.runs.finished", "pipeline", pipeline, "state", "failed")
                .count();
    }

    @Test
    void eventForBucketNotOnTheAllowlistIsRejectedAndCounted() {
        String key = inventoryMarker();

        aws.send(EVENTS, objectCreated("someone-elses-bucket", key, "etag", "01"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                        meters.counter("tidewater.events.rejected", "reason", "bucket-not-allowed", "pipeline", "none")
                                .count())
                .isPositive());
        assertThat(runsOf(key)).isEmpty();
    }

    @Test
    void poisonMessageGoesToTheDeadLetterQueueWithItsReason() {
        String poison = "{\"hello\":\"" + UUID.randomUUID() + "\"}";

        aws.send(EVENTS, poison);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(aws.received(EVENTS + "-dlq"))
                .filteredOn(message -> message.body().equals(poison))
                .singleElement()
                .satisfies(message -> assertThat(message.messageAttributes()
                                .get("tidewater-failure-reason")
                                .stringValue())
                        .startsWith("Cannot read S3 event: the body has neither Records")));
    }

    @Test
    void runLeftRoutedByAnEarlierProcessIsSentAgainSoTheReportIsNotLost() {
        String key = inventoryMarker();
        aws.send(EVENTS, objectCreated("it-inventory", key, "etag", "0077"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(aws.bodiesMentioning(INVENTORY, key))
                .hasSize(1));
        // As a trigger killed between marking the run ROUTED and sending leaves it: ROUTED, no domain service report.
        Instant restarted = Instant.now().plusMillis(1);

        List<String> resent = runs.resendRouted(restarted);

        Run run = runsOf(key).get(0);
        assertThat(resent).contains(run.runId());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(aws.bodiesMentioning(INVENTORY, key))
                .hasSize(2)
                .allSatisfy(body -> assertThat(
                                MessageJson.read(body, ReportArrived.class).runId())
                        .isEqualTo(run.runId())));
        assertThat(runsOf(key)).singleElement().extracting(Run::state).isEqualTo(RunState.ROUTED);
        assertThat(runs.resendRouted(restarted.minusSeconds(60))).doesNotContain(run.runId());
    }

    @Test
    void reportUploadedWhileTheTriggerWasStoppedIsFoundByTheSweepAndLoadsOnce() {
        String key = inventoryMarker();
        aws.put("it-inventory", key, "0123456789abcdef0123456789abcdef\n");
        aws.put("it-inventory", key.replace("manifest.checksum", "manifest.json"), "{}");

        int started = sweep.sweep();
        sweep.sweep();

        assertThat(started).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(aws.bodiesMentioning(INVENTORY, key))
                .hasSize(1));
        Run run = runsOf(key).get(0);
        // The late event for the same object version finds the sweep's run.
        aws.send(EVENTS, objectCreated("it-inventory", key, run.eTag(), "00A1"));
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).untilAsserted(() -> assertThat(
                        aws.bodiesMentioning(INVENTORY, key))
                .hasSize(1));
        assertThat(runsOf(key))
                .singleElement()
                .satisfies(only -> assertThat(only.source().name()).isEqualTo("SWEEP"));
    }

    @Test
    void runsForOneTableWaitTheirTurnAndTheFinalUpdateReleasesTheNextAndNotifies() {
        String first = "serial/" + UUID.randomUUID() + "/first-Manifest.json";
        String second = "serial/" + UUID.randomUUID() + "/second-Manifest.json";
        aws.send(EVENTS, objectCreated("it-billing", first, "etag-1", "01"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(aws.bodiesMentioning(SERIAL, first))
                .hasSize(1));

        aws.send(EVENTS, objectCreated("it-billing", second, "etag-2", "01"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(runsOf(second))
                .singleElement()
                .extracting(Run::state)
                .isEqualTo(RunState.RECEIVED));
        assertThat(aws.bodiesMentioning(SERIAL, second))
                .as("held while the first loads")
                .isEmpty();

        String firstRun = runsOf(first).get(0).runId();
        aws.send(
                UPDATES,
                MessageJson.write(new RunUpdated(firstRun, RunState.LOADING, "billing.cur", 0, null, Instant.now())));
        aws.send(
                UPDATES,
                MessageJson.write(
                        new RunUpdated(firstRun, RunState.SUCCEEDED, "billing.cur", 1234, "loaded", Instant.now())));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(aws.bodiesMentioning(SERIAL, second))
                .hasSize(1));
        assertThat(runs.find(firstRun)).satisfies(run -> {
            assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(run.rows()).isEqualTo(1234);
            assertThat(run.finishedAt()).isNotNull();
        });
        assertThat(runs.history(firstRun))
                .extracting(transition -> transition.state())
                .containsExactly(RunState.RECEIVED, RunState.ROUTED, RunState.LOADING, RunState.SUCCEEDED);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(aws.bodiesMentioning(NOTIFICATIONS, firstRun))
                        .singleElement()
                        .satisfies(body -> assertThat(body).contains("\"state\":\"SUCCEEDED\"", "\"rows\":1234")));
    }

    @Test
    void updateForUnknownRunGoesToTheDeadLetterQueue() {
        String runId = UUID.randomUUID().toString();

        aws.send(UPDATES, MessageJson.write(new RunUpdated(runId, RunState.LOADING, null, 0, null, Instant.now())));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(aws.received(UPDATES + "-dlq"))
                .filteredOn(message -> message.body().contains(runId))
                .singleElement()
                .satisfies(message -> assertThat(message.messageAttributes()
                                .get("tidewater-failure-reason")
                                .stringValue())
                        .isEqualTo("Cannot apply RunUpdated LOADING: no run " + runId + " in the ledger")));
    }

    @Test
    void poisonMessagesInsideABatchGoToTheDeadLetterQueueAndTheirNeighboursStartRuns() {
        String first = inventoryMarker();
        String second = inventoryMarker();
        String poison = "{\"hello\":\"" + UUID.randomUUID() + "\"}";
        // Empty fields count as absent, as in the Lambda samples.
        String unversioned = objectCreated("it-inventory", inventoryMarker(), "", "");

        aws.sendBatch(
                EVENTS,
                List.of(
                        objectCreated("it-inventory", first, "etag-1", "01"),
                        poison,
                        unversioned,
                        objectCreated("it-inventory", second, "etag-2", "01")));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(aws.bodiesMentioning(INVENTORY, first)).hasSize(1);
            assertThat(aws.bodiesMentioning(INVENTORY, second)).hasSize(1);
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(aws.received(EVENTS + "-dlq"))
                .filteredOn(message ->
                        message.body().equals(poison) || message.body().equals(unversioned))
                .extracting(message -> message.messageAttributes()
                        .get("tidewater-failure-reason")
                        .stringValue())
                .satisfiesExactlyInAnyOrder(
                        reason -> assertThat(reason).startsWith("Cannot read S3 event: the body has neither Records"),
                        reason -> assertThat(reason)
                                .startsWith("Cannot identify the version of s3://it-inventory/inventory/")
                                .endsWith("the event has no ETag, version id or sequencer")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(aws.depth(EVENTS))
                .as("all four acknowledged")
                .isZero());
    }

    @Test
    void duplicateAndOlderEventsInsideABatchStartOnlyTheNewestRun() {
        String key = inventoryMarker();
        String newer = objectCreated("it-inventory", key, "etag-new", "0062F1A2B3C4D5E6F7");
        String older = objectCreated("it-inventory", key, "etag-old", "0062F1A2B3C4D5E6F6");

        // Newest first in arrival order: should SQS split the batch, no part holding only the older event goes first.
        aws.sendBatch(EVENTS, List.of(newer, older, newer, older));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(aws.bodiesMentioning(INVENTORY, key))
                .hasSize(1));
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).untilAsserted(() -> assertThat(
                        aws.bodiesMentioning(INVENTORY, key))
                .hasSize(1));
        assertThat(MessageJson.read(aws.bodiesMentioning(INVENTORY, key).get(0), ReportArrived.class)
                        .eTag())
                .isEqualTo("etag-new");
        assertThat(runsOf(key)).singleElement().satisfies(run -> assertThat(run.state())
                .isEqualTo(RunState.ROUTED));
    }
}
