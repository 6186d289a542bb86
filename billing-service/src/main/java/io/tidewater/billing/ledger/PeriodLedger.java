package io.tidewater.billing.ledger;

import io.tidewater.service.ledger.LedgerColumns;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The history of every report's billing periods: each delivery, the one the table holds, and the events that changed
 * nothing.
 *
 * <p>Deliveries of a report's period are ordered by their manifest's last-modified time, then assembly id. At most one
 * load per report and period is in flight, so a slow older load can never land after a newer one; a delivery older
 * than one the report's period holds or loads is recorded as superseded and never sent. Other reports of the same
 * period are ordered on their own. Deliveries recorded before reports were (report {@code ''}) belong to the report
 * that is admitted to the period next, as their rows in the table do.
 */
@Component
public class PeriodLedger {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PeriodLedger(
            JdbcClient billingLedgerJdbcClient, TransactionTemplate billingLedgerTransactions, Clock billingClock) {
        this.jdbc = billingLedgerJdbcClient;
        this.transactions = billingLedgerTransactions;
        this.clock = billingClock;
    }

    /** Why a delivery would change nothing, before any work is spent on it; empty when it should be admitted. */
    public Optional<Admission.Skipped> precheck(
            String table, String report, String period, String assemblyId, Instant manifestModifiedAt) {
        return skipReason(table, report, period, assemblyId, manifestModifiedAt);
    }

    /** Records an event that changes nothing, and the delivery as superseded when it is new to the ledger. */
    public void skip(NewDelivery delivery, Admission.Skipped skip) {
        transactions.executeWithoutResult(status -> {
            if (skip.reason() == Admission.SkipReason.SUPERSEDED
                    && DeliveryRows.find(jdbc, delivery.table(), delivery.period(), delivery.assemblyId())
                            .isEmpty()) {
                insert(delivery, DeliveryState.SUPERSEDED, skip.detail());
            }
            recordSkip(delivery, skip.detail());
        });
    }

    /**
     * Admits a delivery to its period in one transaction. When it is the newest and nothing loads the period,
     * {@code send} gets its job id and load job inside the transaction, so a failed send leaves no trace.
     */
    public Admission admit(NewDelivery delivery, BiConsumer<String, String> send) {
        return transactions.execute(status -> {
            claimUnreported(delivery.table(), delivery.report(), delivery.period());
            Optional<Admission.Skipped> skipped = skipReason(
                    delivery.table(),
                    delivery.report(),
                    delivery.period(),
                    delivery.assemblyId(),
                    delivery.manifestModifiedAt());
            if (skipped.isPresent()) {
                skip(delivery, skipped.get());
                return skipped.get();
            }
            jdbc.sql("DELETE FROM deliveries WHERE table_name = ? AND billing_period = ? AND assembly_id = ?")
                    .params(delivery.table(), delivery.period(), delivery.assemblyId())
                    .update();
            jdbc.sql("DELETE FROM delivery_costs WHERE table_name = ? AND billing_period = ? AND assembly_id = ?")
                    .params(delivery.table(), delivery.period(), delivery.assemblyId())
                    .update();
            Optional<DeliveryRecord> loading = DeliveryRows.inState(
                    jdbc, delivery.table(), delivery.report(), delivery.period(), DeliveryState.LOADING);
            for (DeliveryRecord pending : DeliveryRows.allInState(
                    jdbc, delivery.table(), delivery.report(), delivery.period(), DeliveryState.PENDING)) {
                setState(
                        pending, DeliveryState.SUPERSEDED, "superseded by " + delivery.assemblyId() + " while waiting");
            }
            insertCosts(delivery);
            if (loading.isPresent()) {
                insert(
                        delivery,
                        DeliveryState.PENDING,
                        "waits for " + loading.get().assemblyId());
                return new Admission.Queued(
                        DeliveryRows.find(jdbc, delivery.table(), delivery.period(), delivery.assemblyId())
                                .orElseThrow(),
                        loading.get().assemblyId());
            }
            insert(delivery, DeliveryState.LOADING, null);
            send.accept(delivery.jobId(), delivery.loadJob());
            return new Admission.Dispatched(
                    DeliveryRows.find(jdbc, delivery.table(), delivery.period(), delivery.assemblyId())
                            .orElseThrow());
        });
    }

    /**
     * Records that the loader committed a job. The period's earlier loaded delivery becomes replaced, and the newest
     * delivery waiting for the period, if any, is sent through {@code send}.
     *
     * @return the delivery and the one sent next; empty when the job is not this ledger's
     */
    public Optional<Completion> loaded(String jobId, Long rowsLoaded, BiConsumer<String, String> send) {
        return transactions.execute(status -> {
            Optional<DeliveryRecord> found = byJob(jobId);
            if (found.isEmpty()) {
                return Optional.<Completion>empty();
            }
            DeliveryRecord delivery = found.get();
            for (DeliveryRecord earlier : DeliveryRows.allInState(
                    jdbc, delivery.table(), delivery.report(), delivery.period(), DeliveryState.LOADED)) {
                if (!earlier.assemblyId().equals(delivery.assemblyId())) {
                    setState(earlier, DeliveryState.REPLACED, "replaced by " + delivery.assemblyId());
                }
            }
            jdbc.sql("UPDATE deliveries SET state = ?, rows_loaded = COALESCE(?, rows_loaded), detail = NULL, "
                            + "updated_at = ? WHERE table_name = ? AND billing_period = ? AND assembly_id = ?")
                    .params(
                            DeliveryState.LOADED.name(),
                            rowsLoaded,
                            clock.millis(),
                            delivery.table(),
                            delivery.period(),
                            delivery.assemblyId())
                    .update();
            return Optional.of(new Completion(reload(delivery), sendNext(delivery, send)));
        });
    }

    /** Records that a job failed; the newest delivery waiting for the period, if any, is sent next. */
    public Optional<Completion> failed(String jobId, String reason, BiConsumer<String, String> send) {
        return transactions.execute(status -> {
            Optional<DeliveryRecord> found = byJob(jobId);
            if (found.isEmpty()) {
                return Optional.<Completion>empty();
            }
            DeliveryRecord delivery = found.get();
            setState(delivery, DeliveryState.FAILED, reason);
            return Optional.of(new Completion(reload(delivery), sendNext(delivery, send)));
        });
    }

    /** A finished load and the delivery sent after it, if one waited. */
    public record Completion(DeliveryRecord delivery, Optional<DeliveryRecord> next) {}

    /**
     * Loads a report's current delivery of the period again under a new job: {@code rewrite} gets the stored load job
     * and returns the job to send with its id.
     *
     * @throws PeriodNotFoundException when no delivery of the report's period was loaded
     * @throws PeriodConflictException when a load of the report's period is in flight
     */
    public DeliveryRecord reingest(
            String table,
            String report,
            String period,
            Function<String, Map.Entry<String, String>> rewrite,
            BiConsumer<String, String> send) {
        return transactions.execute(status -> {
            Optional<DeliveryRecord> loading = DeliveryRows.inState(jdbc, table, report, period, DeliveryState.LOADING);
            if (loading.isPresent()) {
                throw new PeriodConflictException("Cannot re-ingest %s %s of %s: delivery %s is loading"
                        .formatted(
                                table, period, describe(report), loading.get().assemblyId()));
            }
            DeliveryRecord current = DeliveryRows.inState(jdbc, table, report, period, DeliveryState.LOADED)
                    .orElseThrow(() -> new PeriodNotFoundException(
                            "Cannot re-ingest %s %s of %s: no delivery of it".formatted(table, period, describe(report))
                                    + " was loaded"));
            String storedJob = jdbc.sql("SELECT load_job FROM deliveries WHERE table_name = ? AND billing_period = ? "
                            + "AND assembly_id = ?")
                    .params(table, period, current.assemblyId())
                    .query(String.class)
                    .single();
            Map.Entry<String, String> job = rewrite.apply(storedJob);
            jdbc.sql("UPDATE deliveries SET state = ?, job_id = ?, load_job = ?, detail = ?, updated_at = ? "
                            + "WHERE table_name = ? AND billing_period = ? AND assembly_id = ?")
                    .params(
                            DeliveryState.LOADING.name(),
                            job.getKey(),
                            job.getValue(),
                            "re-ingest requested",
                            clock.millis(),
                            table,
                            period,
                            current.assemblyId())
                    .update();
            send.accept(job.getKey(), job.getValue());
            return reload(current);
        });
    }

    /** Deliveries recorded before reports were belong to the report admitted to their period next. */
    private void claimUnreported(String table, String report, String period) {
        if (!report.isEmpty()) {
            jdbc.sql("UPDATE deliveries SET report = ? WHERE table_name = ? AND billing_period = ? AND report = ''")
                    .params(report, table, period)
                    .update();
        }
    }

    private static String describe(String report) {
        return report.isEmpty() ? "deliveries recorded before reports were" : "report " + report;
    }

    private Optional<Admission.Skipped> skipReason(
            String table, String report, String period, String assemblyId, Instant manifestModifiedAt) {
        Optional<DeliveryRecord> known = DeliveryRows.find(jdbc, table, period, assemblyId);
        if (known.isPresent() && known.get().state() != DeliveryState.FAILED) {
            DeliveryRecord record = known.get();
            return Optional.of(
                    record.state() == DeliveryState.SUPERSEDED
                            ? new Admission.Skipped(
                                    Admission.SkipReason.SUPERSEDED,
                                    "delivery %s was superseded: %s".formatted(assemblyId, record.detail()))
                            : new Admission.Skipped(
                                    Admission.SkipReason.DUPLICATE,
                                    "delivery %s is already known (%s)"
                                            .formatted(
                                                    assemblyId,
                                                    record.state().name().toLowerCase(Locale.ROOT))));
        }
        List<DeliveryRecord> ofReport = new ArrayList<>(DeliveryRows.ofReport(jdbc, table, report, period));
        if (!report.isEmpty()) {
            ofReport.addAll(DeliveryRows.ofReport(jdbc, table, "", period));
        }
        Optional<DeliveryRecord> newest = ofReport.stream()
                .filter(record -> record.state() == DeliveryState.LOADED
                        || record.state() == DeliveryState.LOADING
                        || record.state() == DeliveryState.PENDING
                        || record.state() == DeliveryState.REPLACED)
                .filter(record -> !record.assemblyId().equals(assemblyId))
                .max(Comparator.comparing(DeliveryRecord::manifestModifiedAt)
                        .thenComparing(DeliveryRecord::assemblyId));
        if (newest.isPresent() && isOlder(manifestModifiedAt, assemblyId, newest.get())) {
            DeliveryRecord newer = newest.get();
            return Optional.of(new Admission.Skipped(
                    Admission.SkipReason.SUPERSEDED,
                    "delivery %s (manifest written %s) is older than delivery %s (manifest written %s), which is %s"
                            .formatted(
                                    assemblyId,
                                    manifestModifiedAt,
                                    newer.assemblyId(),
                                    newer.manifestModifiedAt(),
                                    newer.state().name().toLowerCase(Locale.ROOT))));
        }
        return Optional.empty();
    }

    private static boolean isOlder(Instant modifiedAt, String assemblyId, DeliveryRecord than) {
        int byTime = modifiedAt.compareTo(than.manifestModifiedAt());
        return byTime != 0 ? byTime < 0 : assemblyId.compareTo(than.assemblyId()) < 0;
    }

    private Optional<DeliveryRecord> sendNext(DeliveryRecord finished, BiConsumer<String, String> send) {
        List<DeliveryRecord> waiting = DeliveryRows.allInState(
                jdbc, finished.table(), finished.report(), finished.period(), DeliveryState.PENDING);
        if (waiting.isEmpty()) {
            return Optional.empty();
        }
        // Newest first: the others could only be superseded by it.
        DeliveryRecord next = waiting.get(0);
        for (DeliveryRecord older : waiting.subList(1, waiting.size())) {
            setState(older, DeliveryState.SUPERSEDED, "superseded by " + next.assemblyId() + " while waiting");
        }
        setState(next, DeliveryState.LOADING, null);
        String job = jdbc.sql("SELECT load_job FROM deliveries WHERE table_name = ? AND billing_period = ? "
                        + "AND assembly_id = ?")
                .params(next.table(), next.period(), next.assemblyId())
                .query(String.class)
                .single();
        send.accept(next.jobId(), job);
        return Optional.of(reload(next));
    }

    /** Records an event that changed nothing. */
    private void recordSkip(NewDelivery delivery, String reason) {
        jdbc.sql("INSERT INTO skipped_events (run_id, table_name, report, billing_period, assembly_id, "
                        + "manifest_uri, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        delivery.runId(),
                        delivery.table(),
                        delivery.report(),
                        delivery.period(),
                        delivery.assemblyId(),
                        delivery.manifestUri(),
                        LedgerColumns.detail(reason),
                        clock.millis())
                .update();
    }

    private void insert(NewDelivery delivery, DeliveryState state, String detail) {
        long now = clock.millis();
        jdbc.sql("INSERT INTO deliveries (" + DeliveryRows.COLUMNS + ", load_job) VALUES "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        delivery.table(),
                        delivery.report(),
                        delivery.period(),
                        delivery.assemblyId(),
                        delivery.kind(),
                        delivery.manifestUri(),
                        delivery.manifestModifiedAt().toEpochMilli(),
                        state.name(),
                        delivery.runId(),
                        state == DeliveryState.SUPERSEDED ? null : delivery.jobId(),
                        delivery.rowCount(),
                        null,
                        delivery.unblendedCost() == null
                                ? null
                                : delivery.unblendedCost().toPlainString(),
                        delivery.invoiceId(),
                        LedgerColumns.detail(detail),
                        now,
                        now,
                        state == DeliveryState.SUPERSEDED ? null : delivery.loadJob())
                .update();
    }

    private void insertCosts(NewDelivery delivery) {
        for (Map.Entry<Dimension, Map<String, BigDecimal>> dimension :
                delivery.costs().entrySet()) {
            for (Map.Entry<String, BigDecimal> line : dimension.getValue().entrySet()) {
                jdbc.sql("INSERT INTO delivery_costs (table_name, billing_period, assembly_id, dimension, "
                                + "dimension_value, unblended_cost) VALUES (?, ?, ?, ?, ?, ?)")
                        .params(
                                delivery.table(),
                                delivery.period(),
                                delivery.assemblyId(),
                                dimension.getKey().name(),
                                line.getKey(),
                                line.getValue().toPlainString())
                        .update();
            }
        }
    }

    private void setState(DeliveryRecord delivery, DeliveryState state, String detail) {
        jdbc.sql("UPDATE deliveries SET state = ?, detail = ?, updated_at = ? "
                        + "WHERE table_name = ? AND billing_period = ? AND assembly_id = ?")
                .params(
                        state.name(),
                        LedgerColumns.detail(detail),
                        clock.millis(),
                        delivery.table(),
                        delivery.period(),
                        delivery.assemblyId())
                .update();
    }

    private DeliveryRecord reload(DeliveryRecord delivery) {
        return DeliveryRows.find(jdbc, delivery.table(), delivery.period(), delivery.assemblyId())
                .orElseThrow();
    }

    private Optional<DeliveryRecord> byJob(String jobId) {
        return DeliveryRows.byJob(jdbc, jobId);
    }
}
