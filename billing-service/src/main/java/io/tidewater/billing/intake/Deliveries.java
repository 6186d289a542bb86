package io.tidewater.billing.delivery;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.billing.config.BillingProperties;
import io.tidewater.billing.costs.BillingCosts;
import io.tidewater.billing.manifest.BillingDelivery;
import io.tidewater.billing.manifest.DataExportDelivery;
import io.tidewater.billing.manifest.DeliveryFile;
import io.tidewater.billing.manifest.DeliveryReader;
import io.tidewater.billing.manifest.InvalidDeliveryException;
import io.tidewater.billing.period.Admission;
import io.tidewater.billing.period.CostShadowing;
import io.tidewater.billing.period.DeliveryRecord;
import io.tidewater.billing.period.NewDelivery;
import io.tidewater.billing.period.PeriodLedger;
import io.tidewater.contract.ConstantColumn;
import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.ReportArrived;
import io.tidewater.contract.RunState;
import io.tidewater.contract.SourceFormat;
import io.tidewater.schema.InvalidInputException;
import io.tidewater.schema.inference.CrawlOptions;
import io.tidewater.schema.inference.CrawlResult;
import io.tidewater.schema.inference.InferredColumn;
import io.tidewater.schema.inference.SchemaCrawler;
import io.tidewater.schema.naming.ColumnNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
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
 * holds, stream and type its files, admit it to its period and send its load job; then record what the loader did.
 */
@Component
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final DeliveryReader reader;
    private final PeriodLedger ledger;
    private final S3Client s3;
    private final SqsTemplate sqs;
    private final RunUpdatesClient runUpdates;
    private final BillingMetrics metrics;
    private final BillingProperties properties;

    Deliveries(
            DeliveryReader reader,
            PeriodLedger ledger,
            S3Client s3,
            SqsTemplate sqs,
            RunUpdatesClient runUpdates,
            BillingMetrics metrics,
            BillingProperties properties) {
        this.reader = reader;
        this.ledger = ledger;
        this.s3 = s3;
        this.sqs = sqs;
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
        Typed typed = type(delivery);
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

    private void admit(ReportArrived arrived, BillingDelivery delivery, Typed typed) {
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

    /** Records the loader's reply and sends the job of the delivery that waited for it, if any. */
    void loadResult(LoadResult result) {
        Optional<PeriodLedger.Completion> completion;
        if (result instanceof LoadResult.LoadCompleted completed) {
            completion = ledger.loaded(
                    completed.jobId(), completed.alreadyLoaded() ? null : completed.rowsWritten(), this::send);
        } else {
            LoadResult.LoadFailed failed = (LoadResult.LoadFailed) result;
            completion = ledger.failed(failed.jobId(), failed.reason(), this::send);
        }
        if (completion.isEmpty()) {
            log.warn("Load result for unknown job {} ({}): ignored", result.jobId(), result.table());
            return;
        }
        DeliveryRecord delivery = completion.get().delivery();
        if (result instanceof LoadResult.LoadCompleted completed) {
            recordCosts(completed, delivery);
            metrics.delivery(delivery.table(), "loaded");
            metrics.cost(delivery.table(), delivery.period(), delivery.unblendedCost());
            runUpdates.send(
                    completed.runId(),
                    RunState.SUCCEEDED,
                    delivery.table(),
                    completed.rowsWritten(),
                    "period %s of report %s now holds delivery %s"
                            .formatted(delivery.period(), delivery.report(), delivery.assemblyId()));
            log.info(
                    "Run {}: {} {} replaced by delivery {} ({} rows, snapshot {})",
                    completed.runId(),
                    delivery.table(),
                    delivery.period(),
                    delivery.assemblyId(),
                    completed.rowsWritten(),
                    completed.snapshotId());
        } else if (result instanceof LoadResult.LoadFailed failed) {
            metrics.delivery(delivery.table(), "failed");
            runUpdates.send(failed.runId(), RunState.FAILED, delivery.table(), 0, failed.reason());
            log.warn(
                    "Run {}: load of {} {} failed: {}",
                    failed.runId(),
                    delivery.table(),
                    delivery.period(),
                    failed.reason());
        }
        completion.get().next().ifPresent(next -> {
            runUpdates.send(next.runId(), RunState.LOADING, next.table(), 0, null);
            log.info("Run {}: delivery {} of {} sent to the loader", next.runId(), next.assemblyId(), next.period());
        });
    }

    private void recordCosts(LoadResult.LoadCompleted completed, DeliveryRecord delivery) {
        String source =
                BillingCosts.sourceOf(delivery.table(), properties.tables()).name();
        for (LoadResult.DerivedLoad derived : completed.derived()) {
            if (derived.table().equals(properties.tables().costs())) {
                ledger.costsLoaded(
                        completed.jobId(),
                        source,
                        derived.alreadyLoaded() ? null : derived.rowsWritten(),
                        derived.shadowed().stream()
                                .map(shadowed -> new CostShadowing(
                                        delivery.period(),
                                        shadowed.key(),
                                        shadowed.source(),
                                        shadowed.owner(),
                                        shadowed.bySource(),
                                        shadowed.byOwner(),
                                        null))
                                .toList());
                if (!derived.shadowed().isEmpty()) {
                    log.info(
                            "Run {}: {} {} in {}: shadowed {}",
                            completed.runId(),
                            delivery.table(),
                            delivery.period(),
                            derived.table(),
                            derived.shadowed());
                }
            }
        }
    }

    /**
     * Loads the delivery a report's period holds again, under a new idempotency key.
     *
     * @throws io.tidewater.billing.period.PeriodNotFoundException when no delivery of the report's period was loaded
     * @throws io.tidewater.billing.period.PeriodConflictException when a load of the report's period is in flight
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
        sqs.send(to -> to.queue(properties.loadJobsQueue()).payload(job));
    }

    /**
     * A delivery's table, columns and, for CSV, the figures of one pass over its files and the null tokens its sample
     * shows besides the empty field; and the constant columns its table adds to those of every billing table.
     */
    private record Typed(
            String table,
            List<LoadColumn> columns,
            CostScan scan,
            List<String> nullTokens,
            List<ConstantColumn> constants) {}

    private Typed type(BillingDelivery delivery) {
        if (delivery.format() == SourceFormat.PARQUET) {
            return typeParquet(delivery);
        }
        CostScan scan = CostScan.of(delivery, file -> open(delivery, file));
        // Crawled also when the manifest types every column: the sample tells which tokens stand for null.
        CrawlResult crawl = crawl(delivery, scan.header());
        Map<String, InferredColumn> crawled = new LinkedHashMap<>();
        if (needsCrawl(delivery)) {
            crawl.columns().forEach(column -> crawled.put(column.sourceName(), column));
        }
        String table = tableFor(delivery, scan.header());
        List<LoadColumn> columns = delivery instanceof DataExportDelivery
                ? DeliveryColumns.dataExport(scan.header(), delivery.declaredColumns(), crawled)
                : DeliveryColumns.legacyCur(scan.header(), delivery.declaredColumns(), crawled);
        return new Typed(table, columns, scan, crawl.nullTokens(), constants(delivery, table, scan.header()));
    }

    private static boolean needsCrawl(BillingDelivery delivery) {
        return delivery.declaredColumns().stream().anyMatch(column -> column.type() == null)
                || delivery.declaredColumns().isEmpty();
    }

    private CrawlResult crawl(BillingDelivery delivery, List<String> header) {
        DeliveryFile first = delivery.files().get(0);
        String uri = "s3://" + delivery.bucket() + "/" + first.key();
        try (InputStream in = open(delivery, first)) {
            return SchemaCrawler.crawl(in, uri, CrawlOptions.defaults().withKnownColumns(header));
        } catch (InvalidInputException e) {
            throw new InvalidDeliveryException(
                    "Cannot infer the columns of delivery %s: %s".formatted(delivery.manifestUri(), e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Parquet keeps its schema in the footer: read with ranged GETs, no pass over the rows. */
    private Typed typeParquet(BillingDelivery delivery) {
        DeliveryFile first = delivery.files().get(0);
        CrawlResult footer;
        try (S3SeekableSource source = new S3SeekableSource(s3, delivery.bucket(), first.key(), first.size())) {
            footer = SchemaCrawler.crawl(source, CrawlOptions.defaults());
        } catch (InvalidInputException e) {
            throw new InvalidDeliveryException(
                    "Cannot read the footer of delivery %s: %s".formatted(delivery.manifestUri(), e.getMessage()), e);
        }
        boolean legacy = !(delivery instanceof DataExportDelivery);
        List<String> sourceNames =
                footer.columns().stream().map(InferredColumn::sourceName).toList();
        List<LoadColumn> columns = footer.columns().stream()
                .map(column -> new LoadColumn(
                        ColumnNames.normalise(column.sourceName()),
                        column.sourceName(),
                        DeliveryColumns.parquet(column.type(), legacy),
                        true))
                .toList();
        String table = tableFor(delivery, sourceNames);
        return new Typed(table, columns, null, List.of(), constants(delivery, table, sourceNames));
    }

    /** FOCUS rows record their FOCUS version: 1.0 and 1.2 exports share one table. */
    private List<ConstantColumn> constants(BillingDelivery delivery, String table, List<String> fileColumns) {
        if (!table.equals(properties.tables().focus())) {
            return List.of();
        }
        String version = FocusVersion.of(delivery.manifestUri(), fileColumns, delivery.declaredColumns());
        return List.of(new ConstantColumn(FocusVersion.COLUMN, "string", version));
    }

    private InputStream open(BillingDelivery delivery, DeliveryFile file) {
        return s3.getObject(request -> request.bucket(delivery.bucket()).key(file.key()));
    }

    private List<String> candidateTables(BillingDelivery delivery) {
        return delivery instanceof DataExportDelivery
                ? List.of(properties.tables().cur2(), properties.tables().focus())
                : List.of(properties.tables().cur());
    }

    /** FOCUS exports are told from CUR 2.0 exports by FOCUS's own columns. */
    private String tableFor(BillingDelivery delivery, List<String> columns) {
        if (!(delivery instanceof DataExportDelivery)) {
            return properties.tables().cur();
        }
        boolean focus = columns.stream()
                        .map(ColumnNames::normalise)
                        .anyMatch(name -> name.equals("billed_cost") || name.equals("charge_period_start"))
                || delivery.declaredColumns().stream()
                        .map(column -> ColumnNames.normalise(column.sourceName()))
                        .anyMatch(name -> name.equals("billed_cost"));
        return focus ? properties.tables().focus() : properties.tables().cur2();
    }
}
