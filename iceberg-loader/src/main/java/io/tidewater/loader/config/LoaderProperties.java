package io.tidewater.loader.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The loader's settings under {@code tidewater.loader}.
 *
 * @param jobsQueues the queues load jobs arrive on, one per pipeline: each is a lane of its own, so that a backlog on
 *     one never holds up another's jobs
 * @param jobsPerLane how many jobs of one lane run at once; the loader runs at most this many per queue, so that
 *     its memory stays bounded whatever the backlog
 * @param catalog the Iceberg catalog tables are loaded into
 * @param spark the Spark session the loads run in
 * @param maxMalformedRowsPerJob a job with more rows that do not parse fails whole instead of quarantining them
 * @param catalogs further Iceberg catalogs by their name in Spark SQL, each configured with Iceberg's catalog
 *     properties like {@code catalog.properties}; the admin API lists them and copies tables between them, loads go
 *     into {@code catalog} only
 * @param limits what one job's files may hold
 * @param sourceBuckets the S3 buckets load jobs and the admin API may read source files from ({@code s3://} and
 *     {@code s3a://} objects); none by default, so that a loader reads nothing it was not told to
 * @param localSourceDirectory a directory on the loader's host whose files may be loaded by {@code file:} URI, for
 *     tests and single-machine trials only; unset by default, and then no {@code file:} URI is read
 */
@Validated
@ConfigurationProperties("tidewater.loader")
public record LoaderProperties(
        @NotEmpty List<@NotBlank String> jobsQueues,
        @DefaultValue("1") @Positive int jobsPerLane,
        @Valid @NotNull Catalog catalog,
        @Valid @NotNull Spark spark,
        @Positive long maxMalformedRowsPerJob,
        Map<String, Map<String, String>> catalogs,
        @DefaultValue @Valid Limits limits,
        List<@NotBlank String> sourceBuckets,
        String localSourceDirectory) {

    public LoaderProperties {
        jobsQueues = jobsQueues == null ? List.of() : List.copyOf(jobsQueues);
        catalogs = catalogs == null ? Map.of() : copyOf(catalogs);
        limits = limits == null ? Limits.DEFAULTS : limits;
        sourceBuckets = sourceBuckets == null ? List.of() : List.copyOf(sourceBuckets);
        localSourceDirectory =
                localSourceDirectory == null || localSourceDirectory.isBlank() ? null : localSourceDirectory;
        if (catalog != null && catalogs.containsKey(catalog.name())) {
            throw new IllegalArgumentException(
                    "Cannot configure catalog %s twice: it is the primary catalog and also listed under catalogs"
                            .formatted(catalog.name()));
        }
    }

    /** Every catalog by its name in Spark SQL with its Iceberg properties, the primary catalog first. */
    public Map<String, Map<String, String>> allCatalogs() {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        all.put(catalog.name(), catalog.properties());
        all.putAll(catalogs);
        return Collections.unmodifiableMap(all);
    }

    private static Map<String, Map<String, String>> copyOf(Map<String, Map<String, String>> catalogs) {
        // Sorted, so that listings name the further catalogs in a stable order.
        Map<String, Map<String, String>> copy = new TreeMap<>();
        catalogs.forEach((name, properties) -> copy.put(name, Map.copyOf(properties)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Bounds on what a job's files may hold, so that broken or hostile input fails its job instead of the loader.
     *
     * @param maxNewColumns the most columns one job may add to its table; more usually means a broken producer
     * @param maxCharsPerColumn the most characters of one CSV value (Spark's {@code maxCharsPerColumn}): an endless
     *     line fails its job instead of filling the heap
     */
    public record Limits(
            @DefaultValue("100") @PositiveOrZero int maxNewColumns,
            @DefaultValue("1048576") @Positive int maxCharsPerColumn) {

        /** The binding's defaults, for the loader's job code run outside Spring ({@code spark-submit}). */
        public static final Limits DEFAULTS = new Limits(100, 1_048_576);
    }

    /**
     * An Iceberg catalog, configured with Iceberg's own catalog properties ({@code type}, {@code uri},
     * {@code warehouse}, {@code io-impl}, ...), so any catalog Iceberg supports works by configuration alone.
     *
     * @param name the catalog's name in Spark SQL
     * @param properties Iceberg catalog properties
     */
    public record Catalog(@NotBlank String name, @NotNull Map<String, String> properties) {
        public Catalog {
            properties = Map.copyOf(properties);
        }
    }

    /**
     * The Spark session.
     *
     * @param master {@code local[*]} or a cluster master URL
     * @param config further Spark properties, such as {@code spark.hadoop.fs.s3a.endpoint}
     */
    public record Spark(@NotBlank String master, Map<String, String> config) {
        public Spark {
            config = config == null ? Map.of() : Map.copyOf(config);
        }
    }
}
