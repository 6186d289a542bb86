package io.tidewater.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.tidewater.service.ledger.LedgerDataSources;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The period ledger's rules, the same on every database it supports; subclasses say which database. */
abstract class PeriodLedgerContract {

    private static final String TABLE = "billing.cur";
    private static final String PAYER_A = "s3://billing/cur/payer-a";
    private static final String PAYER_B = "s3://billing/cur/payer-b";
    private static final String PERIOD = "2024-02";
    private static final Instant MORNING = Instant.parse("2024-02-10T06:00:00Z");
    private static final Instant NOON = Instant.parse("2024-02-10T12:00:00Z");
    private static final Instant EVENING = Instant.parse("2024-02-10T18:00:00Z");

    private HikariDataSource dataSource;
    private JdbcClient jdbc;
    private PeriodLedger ledger;
    private final List<String> sent = new ArrayList<>();

    abstract String jdbcUrl() throws Exception;

    @BeforeEach
    void openLedger() throws Exception {
        dataSource = LedgerDataSources.open("billing-service", jdbcUrl(), null, null, 3);
        jdbc = JdbcClient.create(dataSource);
        ledger = new PeriodLedger(
                jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), Clock.systemUTC());
    }

    @AfterEach
    void closeLedger() {
        dataSource.close();
    }

    private static NewDelivery delivery(String report, String assemblyId, Instant manifestWritten) {
        return new NewDelivery(
                TABLE,
                report,
                PERIOD,
                assemblyId,
                "legacy-cur",
                report + "/20240201-20240301/" + assemblyId + "/Manifest.json",
                manifestWritten,
                "run-" + assemblyId,
                "job-" + assemblyId,
                "{\"jobId\":\"job-" + assemblyId + "\"}",
                3L,
                new BigDecimal("12.5"),
                null,
                Map.of(Dimension.SERVICE, Map.of("AmazonS3", new BigDecimal("12.5"))));
    }

    private Admission admit(NewDelivery delivery) {
        return ledger.admit(delivery, (jobId, job) -> sent.add(jobId));
    }

    private Optional<PeriodLedger.Completion> loaded(String assemblyId) {
        return ledger.loaded("job-" + assemblyId, 3L, (jobId, job) -> sent.add(jobId));
    }

    private DeliveryState state(String assemblyId) {
        return DeliveryRows.find(jdbc, TABLE, PERIOD, assemblyId).orElseThrow().state();
    }

    private String report(String assemblyId) {
        return DeliveryRows.find(jdbc, TABLE, PERIOD, assemblyId).orElseThrow().report();
    }

    @Nested
    class AdmissionOrderPerReportAndPeriod {

        @Test
        void firstDeliveryOfAReportsPeriodIsSentAtOnce() {
            Admission admission = admit(delivery(PAYER_A, "a1", MORNING));

            assertThat(admission).isInstanceOf(Admission.Dispatched.class);
            assertThat(sent).containsExactly("job-a1");
            assertThat(state("a1")).isEqualTo(DeliveryState.LOADING);
            DeliveryRecord recorded = ((Admission.Dispatched) admission).delivery();
            assertThat(recorded.report()).isEqualTo(PAYER_A);
            assertThat(recorded.unblendedCost()).isEqualByComparingTo("12.5");
            assertThat(recorded.manifestModifiedAt()).isEqualTo(MORNING);
        }

        @Test
        void newerDeliveryWaitsForTheLoadInFlightAndIsSentWhenItEnds() {
            admit(delivery(PAYER_A, "a1", MORNING));

            Admission second = admit(delivery(PAYER_A, "a2", NOON));

            assertThat(second).isInstanceOfSatisfying(Admission.Queued.class, queued -> assertThat(queued.behind())
                    .isEqualTo("a1"));
            assertThat(sent).containsExactly("job-a1");
            assertThat(state("a2")).isEqualTo(DeliveryState.PENDING);

            PeriodLedger.Completion completion = loaded("a1").orElseThrow();

            assertThat(completion.delivery().state()).isEqualTo(DeliveryState.LOADED);
            assertThat(completion.next()).map(DeliveryRecord::assemblyId).contains("a2");
            assertThat(sent).containsExactly("job-a1", "job-a2");
            assertThat(state("a2")).isEqualTo(DeliveryState.LOADING);

            loaded("a2");

            assertThat(state("a1")).isEqualTo(DeliveryState.REPLACED);
            assertThat(state("a2")).isEqualTo(DeliveryState.LOADED);
            assertThat(DeliveryRows.find(jdbc, TABLE, PERIOD, "a2")
                            .orElseThrow()
                            .rowsLoaded())
                    .isEqualTo(3L);
        }

        @Test
        void onlyTheNewestOfTheDeliveriesWaitingIsSent() {
            admit(delivery(PAYER_A, "a1", MORNING));
            admit(delivery(PAYER_A, "a2", NOON));

            admit(delivery(PAYER_A, "a3", EVENING));

            assertThat(state("a2")).isEqualTo(DeliveryState.SUPERSEDED);
            assertThat(DeliveryRows.find(jdbc, TABLE, PERIOD, "a2")
                            .orElseThrow()
                            .detail())
                    .isEqualTo("superseded by a3 while waiting");
            loaded("a1");
            assertThat(sent).containsExactly("job-a1", "job-a3");
        }

        @Test
        void failedLoadSendsTheDeliveryWaitingBehindIt() {
            admit(delivery(PAYER_A, "a1", MORNING));
            admit(delivery(PAYER_A, "a2", NOON));

            PeriodLedger.Completion completion = ledger.failed(
                            "job-a1", "Cannot load: disk full", (jobId, job) -> sent.add(jobId))
                    .orElseThrow();

            assertThat(completion.delivery().state()).isEqualTo(DeliveryState.FAILED);
            assertThat(completion.delivery().detail()).isEqualTo("Cannot load: disk full");
            assertThat(completion.next()).map(DeliveryRecord::assemblyId).contains("a2");
            assertThat(sent).containsExactly("job-a1", "job-a2");
        }

        @Test
        void resultOfAJobTheLedgerNeverSentIsIgnored() {
            assertThat(ledger.loaded("job-unknown", 1L, (jobId, job) -> sent.add(jobId)))
                    .isEmpty();
            assertThat(ledger.failed("job-unknown", "reason", (jobId, job) -> sent.add(jobId)))
                    .isEmpty();
            assertThat(sent).isEmpty();
        }
    }

    @Nested
    class SkippedDeliveries {

        @Test
        void deliveryOlderThanTheOneThePeriodHoldsIsSkippedAsSuperseded() {
            admit(delivery(PAYER_A, "a2", NOON));
            loaded("a2");

            Optional<Admission.Skipped> skipped = ledger.precheck(TABLE, PAYER_A, PERIOD, "a1", MORNING);

            assertThat(skipped).hasValueSatisfying(skip -> {
                assertThat(skip.reason()).isEqualTo(Admission.SkipReason.SUPERSEDED);
                assertThat(skip.detail())
                        .isEqualTo("delivery a1 (manifest written " + MORNING + ") is older than delivery a2 "
                                + "(manifest written " + NOON + "), which is loaded");
            });
            ledger.skip(delivery(PAYER_A, "a1", MORNING), skipped.orElseThrow());
            assertThat(state("a1")).isEqualTo(DeliveryState.SUPERSEDED);
            assertThat(state("a2")).isEqualTo(DeliveryState.LOADED);
            assertThat(jdbc.sql("SELECT reason FROM skipped_events WHERE assembly_id = 'a1'")
                            .query(String.class)
                            .list())
                    .singleElement()
                    .asString()
                    .startsWith("delivery a1 (manifest written");
        }

        @Test
        void staleDeliveryAdmittedDespiteThePrecheckIsSkippedAndNeverSent() {
            admit(delivery(PAYER_A, "a2", NOON));

            Admission admission = admit(delivery(PAYER_A, "a1", MORNING));

            assertThat(admission).isInstanceOfSatisfying(Admission.Skipped.class, skip -> assertThat(skip.reason())
                    .isEqualTo(Admission.SkipReason.SUPERSEDED));
            assertThat(sent).containsExactly("job-a2");
            assertThat(state("a1")).isEqualTo(DeliveryState.SUPERSEDED);
        }

        @Test
        void deliveryAnnouncedTwiceIsADuplicateTheSecondTime() {
            admit(delivery(PAYER_A, "a1", MORNING));
            loaded("a1");

            assertThat(ledger.precheck(TABLE, PAYER_A, PERIOD, "a1", EVENING)).hasValueSatisfying(skip -> {
                assertThat(skip.reason()).isEqualTo(Admission.SkipReason.DUPLICATE);
                assertThat(skip.detail()).isEqualTo("delivery a1 is already known (loaded)");
            });
            assertThat(admit(delivery(PAYER_A, "a1", EVENING))).isInstanceOf(Admission.Skipped.class);
            assertThat(sent).containsExactly("job-a1");
        }

        @Test
        void failedDeliveryIsAdmittedAgain() {
            admit(delivery(PAYER_A, "a1", MORNING));
            ledger.failed("job-a1", "Cannot load: timeout", (jobId, job) -> sent.add(jobId));

            assertThat(ledger.precheck(TABLE, PAYER_A, PERIOD, "a1", MORNING)).isEmpty();
            assertThat(admit(delivery(PAYER_A, "a1", MORNING))).isInstanceOf(Admission.Dispatched.class);
            assertThat(sent).containsExactly("job-a1", "job-a1");
        }
    }

    @Nested
    class CostSources {

        @Test
        void recordsEachDeliverysCostRowsAndWhichPayerMonthsAreShadowedByWhom() {
            CostLedger costs = new CostLedger(
                    jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), Clock.systemUTC());
            admit(delivery(PAYER_A, "a1", NOON));
            loaded("a1");
            costs.costsLoaded("job-a1", "cur", 3L, List.of(shadowing("cur", PAYER_A, "focus", "focus/payer-a")));

            assertThat(costs.costFeeds(List.of(TABLE), PERIOD))
                    .containsExactly(new CostFeed(TABLE, PAYER_A, "a1", 3L, 3L));
            assertThat(costs.costShadowings(PERIOD))
                    .extracting(CostShadowing::key, CostShadowing::report, CostShadowing::byReport)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("billing_account_id=1234", PAYER_A, "focus/payer-a"));

            admit(delivery(PAYER_A, "a2", EVENING));
            loaded("a2");
            costs.costsLoaded("job-a2", "cur", 2L, List.of());

            assertThat(costs.costFeeds(List.of(TABLE), PERIOD))
                    .containsExactly(new CostFeed(TABLE, PAYER_A, "a2", 3L, 2L));
            assertThat(costs.costShadowings(PERIOD))
                    .as("the report's newer delivery counts again for the payer")
                    .isEmpty();
            assertThat(costs.costFeeds(List.of("billing.focus"), PERIOD)).isEmpty();
        }

        private CostShadowing shadowing(String source, String report, String bySource, String byReport) {
            return new CostShadowing(PERIOD, "billing_account_id=1234", source, report, bySource, byReport, null);
        }
    }

    @Nested
    class ReportsOfTheSameMonth {

        @Test
        void secondReportIsAdmittedAndLoadedIndependently() {
            admit(delivery(PAYER_A, "a1", NOON));

            Admission other = admit(delivery(PAYER_B, "b1", MORNING));

            assertThat(other)
                    .as("an older manifest of another report neither waits nor is superseded")
                    .isInstanceOf(Admission.Dispatched.class);
            assertThat(sent).containsExactly("job-a1", "job-b1");
            loaded("b1");
            loaded("a1");
            admit(delivery(PAYER_A, "a2", EVENING));
            loaded("a2");

            assertThat(state("a1")).isEqualTo(DeliveryState.REPLACED);
            assertThat(state("b1"))
                    .as("the other report's delivery is not replaced")
                    .isEqualTo(DeliveryState.LOADED);
        }

        @Test
        void deliveriesRecordedBeforeReportsBelongToTheReportAdmittedNext() {
            recordedBeforeReports("old", MORNING);

            assertThat(ledger.precheck(TABLE, PAYER_A, PERIOD, "early", Instant.parse("2024-02-10T05:00:00Z")))
                    .as("older than the unreported delivery, which the report will claim")
                    .hasValueSatisfying(skip -> assertThat(skip.reason()).isEqualTo(Admission.SkipReason.SUPERSEDED));
            admit(delivery(PAYER_A, "a1", NOON));
            loaded("a1");

            assertThat(report("old")).isEqualTo(PAYER_A);
            assertThat(state("old")).isEqualTo(DeliveryState.REPLACED);
            admit(delivery(PAYER_B, "b1", EVENING));
            assertThat(report("old")).as("claimed once, by the first report").isEqualTo(PAYER_A);
        }

        @Test
        void reingestLoadsOneReportsDeliveryAgainUnderANewJob() {
            admit(delivery(PAYER_A, "a1", MORNING));
            loaded("a1");
            admit(delivery(PAYER_B, "b1", MORNING));
            loaded("b1");

            DeliveryRecord again = ledger.reingest(
                    TABLE,
                    PAYER_A,
                    PERIOD,
                    stored -> Map.entry("job-again", stored + "#again"),
                    (jobId, job) -> sent.add(jobId + " " + job));

            assertThat(again.state()).isEqualTo(DeliveryState.LOADING);
            assertThat(again.jobId()).isEqualTo("job-again");
            assertThat(sent).last().isEqualTo("job-again {\"jobId\":\"job-a1\"}#again");
            assertThat(state("b1")).isEqualTo(DeliveryState.LOADED);
            assertThat(ledger.loaded("job-again", 3L, (jobId, job) -> sent.add(jobId)))
                    .hasValueSatisfying(completion ->
                            assertThat(completion.delivery().state()).isEqualTo(DeliveryState.LOADED));
        }

        @Test
        void reingestWhileTheReportLoadsIsAConflict() {
            admit(delivery(PAYER_A, "a1", MORNING));

            assertThatThrownBy(() -> ledger.reingest(
                            TABLE, PAYER_A, PERIOD, stored -> Map.entry("x", stored), (jobId, job) -> sent.add(jobId)))
                    .isInstanceOf(PeriodConflictException.class)
                    .hasMessage(
                            "Cannot re-ingest billing.cur 2024-02 of report " + PAYER_A + ": delivery a1 is loading");
        }

        @Test
        void reingestOfAReportWithoutALoadedDeliveryIsNotFound() {
            admit(delivery(PAYER_A, "a1", MORNING));
            loaded("a1");

            assertThatThrownBy(() -> ledger.reingest(
                            TABLE, PAYER_B, PERIOD, stored -> Map.entry("x", stored), (jobId, job) -> sent.add(jobId)))
                    .isInstanceOf(PeriodNotFoundException.class)
                    .hasMessage("Cannot re-ingest billing.cur 2024-02 of report " + PAYER_B + ": no delivery of it was "
                            + "loaded");
        }
    }

    /** A loaded delivery as the ledger kept them before it knew reports (V1): report ''. */
    private void recordedBeforeReports(String assemblyId, Instant manifestWritten) {
        jdbc.sql("INSERT INTO deliveries (table_name, billing_period, assembly_id, kind, manifest_uri, "
                        + "manifest_modified_at, state, run_id, job_id, load_job, received_at, updated_at) "
                        + "VALUES (?, ?, ?, 'legacy-cur', 'old-manifest', ?, 'LOADED', 'run-old', ?, '{}', 0, 0)")
                .params(TABLE, PERIOD, assemblyId, manifestWritten.toEpochMilli(), "job-" + assemblyId)
                .update();
    }
}
