package io.tidewater.loader.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class LoaderPropertiesTest {

    private static LoaderProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("tidewater.loader", LoaderProperties.class);
    }

    private static final Map<String, String> PRIMARY = Map.of(
            "tidewater.loader.jobs-queues", "jobs",
            "tidewater.loader.max-malformed-rows-per-job", "50",
            "tidewater.loader.catalog.name", "tidewater",
            "tidewater.loader.catalog.properties.type", "jdbc",
            "tidewater.loader.catalog.properties.jdbc.schema-version", "V1",
            "tidewater.loader.catalog.properties.io-impl", "org.apache.iceberg.aws.s3.S3FileIO",
            "tidewater.loader.spark.master", "local[2]",
            "tidewater.loader.spark.config.spark.sql.shuffle.partitions", "4");

    @Test
    void theExistingKeysBindAsBeforeWithNoFurtherCatalog() {
        LoaderProperties properties = bind(PRIMARY);

        assertThat(properties)
                .isEqualTo(new LoaderProperties(
                        List.of("jobs"),
                        1,
                        new LoaderProperties.Catalog(
                                "tidewater",
                                Map.of(
                                        "type", "jdbc",
                                        "jdbc.schema-version", "V1",
                                        "io-impl", "org.apache.iceberg.aws.s3.S3FileIO")),
                        new LoaderProperties.Spark("local[2]", Map.of("spark.sql.shuffle.partitions", "4")),
                        50,
                        Map.of(),
                        LoaderProperties.Limits.DEFAULTS,
                        List.of(),
                        null));
        assertThat(properties.allCatalogs()).containsOnlyKeys("tidewater");
    }

    @Test
    void furtherCatalogsBindByNameWithTheirIcebergPropertiesKeysKeptWhole() {
        Map<String, String> keys = new java.util.HashMap<>(PRIMARY);
        keys.put("tidewater.loader.catalogs.archive.type", "glue");
        keys.put("tidewater.loader.catalogs.archive.warehouse", "s3://archive/");
        keys.put("tidewater.loader.catalogs.archive.glue.skip-name-validation", "true");
        keys.put("tidewater.loader.catalogs.buckets.type", "rest");
        keys.put("tidewater.loader.catalogs.buckets.rest.signing-name", "s3tables");

        LoaderProperties properties = bind(keys);

        assertThat(properties.catalogs())
                .isEqualTo(Map.of(
                        "archive",
                                Map.of(
                                        "type", "glue",
                                        "warehouse", "s3://archive/",
                                        "glue.skip-name-validation", "true"),
                        "buckets", Map.of("type", "rest", "rest.signing-name", "s3tables")));
        assertThat(properties.allCatalogs().keySet()).containsExactly("tidewater", "archive", "buckets");
    }

    @Test
    void aFurtherCatalogNamedLikeThePrimaryOneIsRefused() {
        Map<String, String> keys = new java.util.HashMap<>(PRIMARY);
        keys.put("tidewater.loader.catalogs.tidewater.type", "glue");

        assertThatThrownBy(() -> bind(keys))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("Cannot configure catalog tidewater twice: it is the primary catalog and also listed under"
                        + " catalogs");
    }

    @Test
    void limitsDefaultToAHundredNewColumnsAndAMebibytePerValue() {
        assertThat(bind(PRIMARY).limits()).isEqualTo(new LoaderProperties.Limits(100, 1 << 20));
    }

    @Test
    void everyLimitMaps() {
        Map<String, String> keys = new java.util.HashMap<>(PRIMARY);
        keys.put("tidewater.loader.limits.max-new-columns", "7");
        keys.put("tidewater.loader.limits.max-chars-per-column", "4096");

        assertThat(bind(keys).limits()).isEqualTo(new LoaderProperties.Limits(7, 4096));
    }

    @Test
    void sourceBucketsAndTheLocalSourceDirectoryAreUnsetByDefault() {
        LoaderProperties properties = bind(PRIMARY);

        assertThat(properties.sourceBuckets()).isEmpty();
        assertThat(properties.localSourceDirectory()).isNull();
    }

    @Test
    void sourceBucketsAndTheLocalSourceDirectoryMap() {
        Map<String, String> keys = new java.util.HashMap<>(PRIMARY);
        keys.put("tidewater.loader.source-buckets[0]", "reports");
        keys.put("tidewater.loader.source-buckets[1]", "exports");
        keys.put("tidewater.loader.local-source-directory", "/srv/tidewater/sources");

        LoaderProperties properties = bind(keys);

        assertThat(properties.sourceBuckets()).containsExactly("reports", "exports");
        assertThat(properties.localSourceDirectory()).isEqualTo("/srv/tidewater/sources");
    }
}
