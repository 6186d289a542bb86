package io.tidewater.billing.intake;

import io.tidewater.billing.config.BillingProperties;
import io.tidewater.billing.crawl.BillingLoadJobs;
import io.tidewater.billing.crawl.CostScan;
import io.tidewater.billing.crawl.DeliverySchema;
import io.tidewater.billing.ledger.Admission;
import io.tidewater.billing.ledger.DeliveryRecord;
import io.tidewater.billing.ledger.NewDelivery;
import io.tidewater.billing.ledger.PeriodLedger;
import io.tidewater.billing.manifest.BillingDelivery;
import io.tidewater.billing.manifest.DataExportDelivery;
import io.tidewater.billing.manifest.DeliveryReader;
import io.tidewater.billing.manifest.InvalidDeliveryException;
import io.tidewater.billing.results.BillingMetrics;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.ReportArrived;
import io.tidewater.contract.RunState;
import io.tidewater.service.messaging.LoadJobsClient;
import io.tidewater.service.messaging.RunUpdatesClient;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A delivery from manifest to table: read the manifest, skip it when it is a duplicate or older than what its period
 * holds, stream and type its files, admit it to its period and send its load job; the loader's reply is taken by
 * {@code results}.
 */
@Component
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final DeliveryReader reader;
    private final PeriodLedger ledger;
    private final S3Client s3;
    private final LoadJobsClient loadJobs;
    private final RunUpdatesClient runUpdates;
    private final BillingMetrics metrics;
    private final BillingProperties properties;

    Deliveries(
            DeliveryReader reader,
            PeriodLedger ledger,
            S3Client s3,
            LoadJobsClient loadJobs,
            RunUpdatesClient runUpdates,
            BillingMetrics metrics,
            BillingProperties properties) {
        this.reader = reader;
        this.ledger = ledger;
        this.s3 = s3;
        this.loadJobs = loadJobs;
        this.runUpdates = runUpdates;
        this.metrics = metrics;
        this.properties = properties;
    }

    /**
     * Handles an arrived manifest.
     *
     * @throws InvalidDeliveryException when the delivery is wrong as delivered: park it, do not retry
     */
    void arrived(ReportArrived arrived) {
        BillingDelivery delivery = reader.read(arrived.bucket(), arrived.key());
        for (String table : candidateTables(delivery)) {
            Optional<Admission.Skipped> skipped = ledger.precheck(
                    table, delivery.report(), delivery.period(), delivery.assemblyId(), delivery.manifestModifiedAt());
            if (skipped.isPresent()) {
                // Nothing is streamed for a delivery that changes nothing.
                ledger.skip(candidate(arrived, delivery, table, null, null), skipped.get());
                skipped(arrived, delivery, table, skipped.get());
                return;
            }
        }
        DeliverySchema typed = DeliverySchema.crawl(delivery, s3, properties.tables());
        runUpdates.send(arrived.runId(), RunState.CRAWLED, typed.table(), 0, null);
        admit(arrived, delivery, typed);
    }

    private NewDelivery candidate(
            ReportArrived arrived, BillingDelivery delivery, String table, CostScan scan, LoadJob job) {
        return new NewDelivery(
                table,
                delivery.report(),
                delivery.period(),
                delivery.assemblyId(),
                delivery.kind(),
                delivery.manifestUri(),
                delivery.manifestModifiedAt(),
                arrived.runId(),
                job == null ? "none" : job.jobId(),
                job == null ? "" : MessageJson.write(job),
                scan == null ? null : scan.rows(),
                scan == null ? null : scan.unblendedCost(),
                scan == null ? null : scan.invoiceId(),
                scan == null ? Map.of() : scan.costs());
    }

    private void skipped(ReportArrived arrived, BillingDelivery delivery, String table, Admission.Skipped skip) {
        metrics.delivery(table, skip.reason().name().toLowerCase(Locale.ROOT));
        runUpdates.send(arrived.runId(), RunState.SUCCEEDED, table, 0, "skipped: " + skip.detail());
        log.info("Run {}: {} {} skipped: {}", arrived.runId(), table, delivery.period(), skip.detail());
    }

    private void admit(ReportArrived arrived, BillingDelivery delivery, DeliverySchema typed) {
        String table = typed.table();
        CostScan scan = typed.scan();
        LoadJob job = BillingLoadJobs.forDelivery(
                arrived.runId(), table, delivery, typed.columns(), typed.nullTokens(), typed.constants(), properties);
        NewDelivery candidate = candidate(arrived, delivery, table, scan, job);
        Admission admission = ledger.admit(candidate, this::send);
        if (admission instanceof Admission.Dispatched) {
            metrics.delivery(table, "dispatched");
            runUpdates.send(arrived.runId(), RunState.LOADING, table, 0, null);
            log.info(
                    "Run {}: {} delivery {} of {} ({} files, {} rows) sent to the loader as job {}",
                    arrived.runId(),
                    delivery.kind(),
                    delivery.assemblyId(),
                    delivery.period(),
                    delivery.files().size(),
                    candidate.rowCount(),
                    candidate.jobId());
        } else if (admission instanceof Admission.Queued queued) {
            metrics.delivery(table, "queued");
            log.info(
                    "Run {}: delivery {} of {} waits for the load of {}",
                    arrived.runId(),
                    delivery.assemblyId(),
                    delivery.period(),
                    queued.behind());
        } else if (admission instanceof Admission.Skipped skip) {
            skipped(arrived, delivery, table, skip);
        }
    }

    /**
     * Loads the delivery a report's period holds again, under a new idempotency key.
     *
     * @throws io.tidewater.billing.ledger.PeriodNotFoundException when no delivery of the report's period was loaded
     * @throws io.tidewater.billing.ledger.PeriodConflictException when a load of the report's period is in flight
     */
    public DeliveryRecord reingest(String table, String report, String period) {
        return ledger.reingest(
                table,
                report,
                period,
                stored -> {
                    LoadJob job = BillingLoadJobs.again(
                            MessageJson.read(stored, LoadJob.class),
                            "reingest-" + Instant.now().toEpochMilli());
                    return Map.entry(job.jobId(), MessageJson.write(job));
                },
                this::send);
    }

    private void send(String jobId, String job) {
        loadJobs.send(job);
    }

    private List<String> candidateTables(BillingDelivery delivery) {
        return delivery instanceof DataExportDelivery
                ? List.of(properties.tables().cur2(), properties.tables().focus())
                : List.of(properties.tables().cur());
    }
}
