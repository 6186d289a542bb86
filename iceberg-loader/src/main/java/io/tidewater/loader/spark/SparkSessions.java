package io.tidewater.loader.spark;

import io.tidewater.loader.config.LoaderProperties;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the loader's Spark session, with the primary Iceberg catalog registered as Spark's default catalog and every
 * further catalog registered by its name beside it.
 */
public final class SparkSessions {

    private SparkSessions() {}

    public static SparkSession create(LoaderProperties properties) {
        String catalog = properties.catalog().name();
        SparkSession.Builder builder = SparkSession.builder()
                .appName("tidewater-iceberg-loader")
                .master(properties.spark().master())
                .config("spark.ui.enabled", "false")
                .config("spark.metrics.conf.*.sink.servlet.class", HeadlessMetricsServlet.class.getName())
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config("spark.sql.defaultCatalog", catalog)
                // Iceberg 1.12 answered count(*) with a filter on a non-partition column from file metrics as 0 rows
                // (SparkScanBuilder.pushAggregation); reading the files is slower and right.
                .config("spark.sql.iceberg.aggregate-push-down.enabled", "false")
                // Source files are named s3://...; S3A reads them, Iceberg's own files go through its FileIO.
                .config("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        properties.allCatalogs().forEach((name, catalogProperties) -> {
            builder.config("spark.sql.catalog." + name, SparkCatalog.class.getName());
            catalogProperties.forEach((key, value) -> builder.config("spark.sql.catalog." + name + "." + key, value));
        });
        properties.spark().config().forEach(builder::config);
        return builder.getOrCreate();
    }
}
