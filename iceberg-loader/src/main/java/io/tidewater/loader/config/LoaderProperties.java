package io.tidewater.loader.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The loader's settings under {@code tidewater.loader}.
 *
 * @param jobsQueue the queue load jobs arrive on
 * @param catalog the Iceberg catalog tables are loaded into
 * @param spark the Spark session the loads run in
 * @param maxMalformedRowsPerJob a job with more rows that do not parse fails whole instead of quarantining them
 * @param limits what one job's files may hold
 */
@Validated
@ConfigurationProperties("tidewater.loader")
public record LoaderProperties(
        @NotBlank String jobsQueue,
        @Valid @NotNull Catalog catalog,
        @Valid @NotNull Spark spark,
        @Positive long maxMalformedRowsPerJob,
        @DefaultValue @Valid Limits limits) {

    /**
     * Bounds on what a job's files may hold, so that broken or hostile input fails its job instead of the loader.
     *
     * @param maxNewColumns the most columns one job may add to its table; more usually means a broken producer
     * @param maxCharsPerColumn the most characters of one CSV value (Spark's {@code maxCharsPerColumn}): an endless
     *     line fails its job instead of filling the heap
     */
    public record Limits(
            @DefaultValue("100") @PositiveOrZero int maxNewColumns,
            @DefaultValue("1048576") @Positive int maxCharsPerColumn) {}

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
