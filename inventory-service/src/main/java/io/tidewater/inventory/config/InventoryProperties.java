package io.tidewater.inventory.config;

import io.tidewater.service.ledger.LedgerProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The inventory service's settings under {@code tidewater.inventory}.
 *
 * @param reportsQueue where the trigger announces inventory reports
 * @param loadJobsQueue where load jobs go to the loader
 * @param loadResultsQueue where the loader replies
 * @param runUpdatesQueue where {@code RunUpdated} goes, for the workflow trigger's run ledger
 * @param table the target table, {@code namespace.name}
 * @param evolutionPolicy the schema evolution policy for new inventory fields
 * @param dataFileChecksums when each data file's {@code MD5checksum} is verified
 * @param crawl how much of each data file the crawl reads
 * @param ledger where the report ledger lives
 * @param limits what a data file may hold before the report is refused as broken or hostile
 */
@Validated
@ConfigurationProperties("tidewater.inventory")
public record InventoryProperties(
        @NotBlank String reportsQueue,
        @NotBlank String loadJobsQueue,
        @NotBlank String loadResultsQueue,
        @DefaultValue("tidewater-run-updates") @NotBlank String runUpdatesQueue,
        @DefaultValue("inventory.objects") @NotBlank String table,
        @DefaultValue("addNewColumns") @NotBlank String evolutionPolicy,
        @DefaultValue("before-load") @NotNull DataFileChecksums dataFileChecksums,
        @DefaultValue @Valid Crawl crawl,
        @DefaultValue LedgerProperties ledger,
        @DefaultValue @Valid Limits limits) {

    public InventoryProperties {
        ledger = ledger.withDefaultUrl("jdbc:sqlite:.tidewater/inventory-service.db");
    }

    /** When data-file MD5s are verified. */
    public enum DataFileChecksums {
        /**
         * Every file is streamed through MD5, the insight counters and the input limits before the load job is sent; a
         * mismatch or a file beyond a limit costs the loader nothing.
         */
        BEFORE_LOAD,
        /**
         * The job is sent first and this service streams the files beside the load, for the insights and the limits.
         * The loader checks each file's MD5 itself before it publishes, so a mismatch still loads nothing; but a file
         * beyond an input limit is found only while the loader is already reading it. Opt-in.
         */
        WHILE_LOADING
    }

    /**
     * @param sampleBytes the most bytes of a CSV file the crawl reads after decompression
     * @param rangeBytes the least bytes one ranged GET fetches, so that a sequential sample is a few requests
     */
    public record Crawl(
            @DefaultValue("1048576") @Positive int sampleBytes, @DefaultValue("262144") @Positive int rangeBytes) {}

    /**
     * Bounds on what one data file may hold, checked while the file is streamed for its MD5 (before the load job is
     * sent, unless {@code data-file-checksums} is {@code while-loading}) and, for columns, while it is crawled.
     *
     * @param maxDecompressedBytes the most bytes a gzip data file may inflate to
     * @param maxCompressionRatio the most decompressed bytes per byte of a gzip data file: a gzip bomb inflates a
     *     thousandfold, inventory CSV about tenfold
     * @param maxLineChars the most characters one CSV line may have; S3 URL-encodes keys, so no record spans lines
     * @param maxColumns the most columns one data file may have
     */
    public record Limits(
            @DefaultValue("16GB") @NotNull DataSize maxDecompressedBytes,
            @DefaultValue("200") @Positive int maxCompressionRatio,
            @DefaultValue("1048576") @Positive int maxLineChars,
            @DefaultValue("1000") @Positive int maxColumns) {}
}
