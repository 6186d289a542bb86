package io.tidewater.billing.crawl;

import io.tidewater.billing.config.BillingProperties;
import io.tidewater.billing.manifest.BillingDelivery;
import io.tidewater.billing.manifest.DataExportDelivery;
import io.tidewater.billing.manifest.DeliveryFile;
import io.tidewater.billing.manifest.InvalidDeliveryException;
import io.tidewater.contract.ConstantColumn;
import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.SourceFormat;
import io.tidewater.schema.InvalidInputException;
import io.tidewater.schema.inference.CrawlOptions;
import io.tidewater.schema.inference.CrawlResult;
import io.tidewater.schema.inference.InferredColumn;
import io.tidewater.schema.inference.SchemaCrawler;
import io.tidewater.schema.naming.ColumnNames;
import io.tidewater.service.s3.S3RangeSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A delivery's table, columns and, for CSV, the figures of one pass over its files and the null tokens its sample
 * shows besides the empty field; and the constant columns its table adds to those of every billing table.
 */
public record DeliverySchema(
        String table,
        List<LoadColumn> columns,
        CostScan scan,
        List<String> nullTokens,
        List<ConstantColumn> constants) {

    /**
     * Types a delivery: Parquet from its first file's footer, CSV from one pass over every file and a sample of the
     * first.
     *
     * @throws InvalidDeliveryException when its columns cannot be inferred
     */
    public static DeliverySchema crawl(BillingDelivery delivery, S3Client s3, BillingProperties.Tables tables) {
        if (delivery.format() == SourceFormat.PARQUET) {
            return parquet(delivery, s3, tables);
        }
        CostScan scan = CostScan.of(delivery, file -> open(s3, delivery, file));
        // Crawled also when the manifest types every column: the sample tells which tokens stand for null.
        CrawlResult crawl = sample(delivery, scan.header(), s3);
        Map<String, InferredColumn> crawled = new LinkedHashMap<>();
        if (needsCrawl(delivery)) {
            crawl.columns().forEach(column -> crawled.put(column.sourceName(), column));
        }
        String table = tableFor(delivery, scan.header(), tables);
        List<LoadColumn> columns = delivery instanceof DataExportDelivery
                ? DeliveryColumns.dataExport(scan.header(), delivery.declaredColumns(), crawled)
                : DeliveryColumns.legacyCur(scan.header(), delivery.declaredColumns(), crawled);
        return new DeliverySchema(
                table, columns, scan, crawl.nullTokens(), constants(delivery, table, scan.header(), tables));
    }

    private static boolean needsCrawl(BillingDelivery delivery) {
        return delivery.declaredColumns().stream().anyMatch(column -> column.type() == null)
                || delivery.declaredColumns().isEmpty();
    }

    private static CrawlResult sample(BillingDelivery delivery, List<String> header, S3Client s3) {
        DeliveryFile first = delivery.files().get(0);
        String uri = "s3://" + delivery.bucket() + "/" + first.key();
        try (InputStream in = open(s3, delivery, first)) {
            return SchemaCrawler.crawl(in, uri, CrawlOptions.defaults().withKnownColumns(header));
        } catch (InvalidInputException e) {
            throw new InvalidDeliveryException(
                    "Cannot infer the columns of delivery %s: %s".formatted(delivery.manifestUri(), e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Parquet keeps its schema in the footer: read with ranged GETs, no pass over the rows. */
    private static DeliverySchema parquet(BillingDelivery delivery, S3Client s3, BillingProperties.Tables tables) {
        DeliveryFile first = delivery.files().get(0);
        CrawlResult footer;
        try (S3RangeSource source = S3RangeSource.exact(s3, delivery.bucket(), first.key(), first.size())) {
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
        String table = tableFor(delivery, sourceNames, tables);
        return new DeliverySchema(table, columns, null, List.of(), constants(delivery, table, sourceNames, tables));
    }

    /** FOCUS rows record their FOCUS version: 1.0 and 1.2 exports share one table. */
    private static List<ConstantColumn> constants(
            BillingDelivery delivery, String table, List<String> fileColumns, BillingProperties.Tables tables) {
        if (!table.equals(tables.focus())) {
            return List.of();
        }
        String version = FocusVersion.of(delivery.manifestUri(), fileColumns, delivery.declaredColumns());
        return List.of(new ConstantColumn(FocusVersion.COLUMN, "string", version));
    }

    private static InputStream open(S3Client s3, BillingDelivery delivery, DeliveryFile file) {
        return s3.getObject(request -> request.bucket(delivery.bucket()).key(file.key()));
    }

    /** FOCUS exports are told from CUR 2.0 exports by FOCUS's own columns. */
    private static String tableFor(BillingDelivery delivery, List<String> columns, BillingProperties.Tables tables) {
        if (!(delivery instanceof DataExportDelivery)) {
            return tables.cur();
        }
        boolean focus = columns.stream()
                        .map(ColumnNames::normalise)
                        .anyMatch(name -> name.equals("billed_cost") || name.equals("charge_period_start"))
                || delivery.declaredColumns().stream()
                        .map(column -> ColumnNames.normalise(column.sourceName()))
                        .anyMatch(name -> name.equals("billed_cost"));
        return focus ? tables.focus() : tables.cur2();
    }
}
