package io.tidewater.billing.crawl;

import io.tidewater.billing.config.BillingProperties;
import io.tidewater.billing.costs.BillingCosts;
import io.tidewater.billing.manifest.BillingDelivery;
import io.tidewater.contract.ConstantColumn;
import io.tidewater.contract.DerivedTable;
import io.tidewater.contract.EvolutionPolicy;
import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.ReaderOptions;
import io.tidewater.contract.SourceFile;
import io.tidewater.contract.SourceFormat;
import io.tidewater.contract.WriteMode;
import io.tidewater.schema.load.CrawledFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One load job per delivery: it replaces its report's rows of the billing period in one commit, so the table is
 * partitioned by {@code billing_period} and {@code report}, and every row carries the period, the report and the
 * assembly it came from, plus the constants of its table (FOCUS: the FOCUS version). Other reports of the same period
 * keep their rows. The job keeps {@code billing.costs} in step: the delivery's rows mapped to FOCUS's columns, under the
 * configured precedence of report generations.
 */
public final class BillingLoadJobs {

    static final String BILLING_PERIOD = "billing_period";
    static final String ASSEMBLY_ID = "assembly_id";
    static final String REPORT = "report";

    private BillingLoadJobs() {}

    public static LoadJob forDelivery(
            String runId,
            String table,
            BillingDelivery delivery,
            List<LoadColumn> columns,
            List<String> nullTokens,
            List<ConstantColumn> tableConstants,
            BillingProperties properties) {
        List<SourceFile> files = delivery.files().stream()
                .map(file -> new SourceFile("s3://" + delivery.bucket() + "/" + file.key(), file.size(), null))
                .toList();
        boolean gzip = delivery.files().get(0).gzip();
        ReaderOptions options = delivery.format() == SourceFormat.CSV
                ? new ReaderOptions(',', '"', '"', true, nullTokens, gzip ? "gzip" : "none")
                : null;
        return new CrawledFiles(files, delivery.format(), columns, options)
                .toJob(table, idempotencyKey(table, delivery.period(), delivery.assemblyId()))
                .runId(runId)
                .constantColumns(Stream.concat(
                                Stream.of(
                                        new ConstantColumn(BILLING_PERIOD, "string", delivery.period()),
                                        new ConstantColumn(REPORT, "string", delivery.report()),
                                        new ConstantColumn(ASSEMBLY_ID, "string", delivery.assemblyId())),
                                tableConstants.stream())
                        .toList())
                .writeMode(new WriteMode.Replace(
                        BILLING_PERIOD, delivery.period(), new WriteMode.Owner(REPORT, delivery.report())))
                .evolutionPolicy(EvolutionPolicy.named(properties.evolutionPolicy()))
                .partitionFields(List.of(BILLING_PERIOD, REPORT))
                .replyTo(properties.loadResultsQueue())
                .derivedTables(List.of(costs(table, columns, tableConstants, properties)))
                .build();
    }

    /** Every delivery keeps {@code billing.costs} in step, mapped from the columns it has. */
    private static DerivedTable costs(
            String table, List<LoadColumn> columns, List<ConstantColumn> tableConstants, BillingProperties properties) {
        Map<String, String> types = new LinkedHashMap<>();
        columns.forEach(column -> types.put(column.name(), column.type()));
        Stream.of(BILLING_PERIOD, REPORT, ASSEMBLY_ID).forEach(name -> types.put(name, "string"));
        tableConstants.forEach(column -> types.put(column.name(), column.type()));
        return BillingCosts.of(
                properties.tables().costs(),
                BillingCosts.sourceOf(table, properties.tables()),
                types,
                properties.costs().precedence());
    }

    /** The same delivery always has the same key, however often and through whichever manifest it is announced. */
    static String idempotencyKey(String table, String period, String assemblyId) {
        return "billing/%s/%s/%s".formatted(table, period, assemblyId);
    }

    /** The same job under a new id and key, so that the loader writes the period again. */
    public static LoadJob again(LoadJob job, String reason) {
        return job.toBuilder()
                .jobId(UUID.randomUUID().toString())
                .idempotencyKey(job.idempotencyKey().split("#")[0] + "#" + reason)
                .build();
    }
}
