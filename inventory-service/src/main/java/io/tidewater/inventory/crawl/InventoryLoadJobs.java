package io.tidewater.inventory.crawl;

import io.tidewater.contract.ConstantColumn;
import io.tidewater.contract.EvolutionPolicy;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.ReaderOptions;
import io.tidewater.contract.SourceFile;
import io.tidewater.contract.SourceFormat;
import io.tidewater.inventory.config.InventoryProperties;
import io.tidewater.inventory.manifest.InventoryManifest;
import io.tidewater.inventory.manifest.ManifestReader.VerifiedManifest;
import io.tidewater.schema.load.CrawledFiles;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** One load job per inventory report: every data file, one typed schema, an idempotency key from the manifest. */
public final class InventoryLoadJobs {

    static final String INVENTORY_DATE = "inventory_date";
    static final String INVENTORY_CONFIGURATION = "inventory_configuration";

    private InventoryLoadJobs() {}

    public static LoadJob forReport(
            String runId, VerifiedManifest verified, ReportSchema schema, InventoryProperties properties) {
        InventoryManifest manifest = verified.manifest();
        String bucket = verified.location().bucket();
        List<SourceFile> files = verified.files().stream()
                .map(file -> new SourceFile(
                        "s3://" + bucket + "/" + file.key(),
                        file.declared().size(),
                        file.declared().md5Checksum()))
                .toList();
        SourceFormat format = SourceFormat.valueOf(manifest.fileFormat().toUpperCase(Locale.ROOT));
        String inventoryDate =
                manifest.createdAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
        return new CrawledFiles(
                        files,
                        format,
                        schema.columns(),
                        format == SourceFormat.CSV ? csvOptions(schema.header()) : null)
                .toJob(properties.table(), idempotencyKey(verified))
                .runId(runId)
                .constantColumns(List.of(
                        new ConstantColumn(INVENTORY_DATE, "date", inventoryDate),
                        new ConstantColumn(
                                INVENTORY_CONFIGURATION,
                                "string",
                                verified.location().configurationId())))
                .evolutionPolicy(EvolutionPolicy.named(properties.evolutionPolicy()))
                .partitionFields(List.of("bucket", INVENTORY_DATE))
                .replyTo(properties.loadResultsQueue())
                .build();
    }

    private static ReaderOptions csvOptions(boolean header) {
        ReaderOptions inventory = ReaderOptions.s3InventoryCsv().withNullTokens(List.of(""));
        return new ReaderOptions(
                inventory.delimiter(),
                inventory.quote(),
                inventory.escape(),
                header,
                inventory.nullTokens(),
                inventory.compression());
    }

    /** The same report always has the same key, however often its marker is delivered. */
    public static String idempotencyKey(VerifiedManifest verified) {
        InventoryManifest manifest = verified.manifest();
        return "s3-inventory/%s/%s/%s"
                .formatted(
                        manifest.sourceBucket(), verified.location().configurationId(), manifest.creationTimestamp());
    }
}
