package io.tidewater.local.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/**
 * The local stack's Iceberg catalog: JDBC on a SQLite file in the data directory, data in
 * {@code s3://tidewater-warehouse/} through S3FileIO on the local S3. One place for these properties, used by the
 * loader in the local stack and by the launcher's own look-ups.
 */
public final class LocalCatalog {

    public static final String NAME = "tidewater";

    private LocalCatalog() {}

    /** Iceberg catalog properties for the local stack. */
    public static Map<String, String> properties(Path dataDirectory, String s3Endpoint, String region) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("type", "jdbc");
        properties.put("uri", "jdbc:sqlite:" + dataDirectory.toAbsolutePath().resolve("catalog.db"));
        properties.put("jdbc.schema-version", "V1");
        properties.put("warehouse", "s3://tidewater-warehouse/");
        properties.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        properties.put("s3.endpoint", s3Endpoint);
        properties.put("s3.path-style-access", "true");
        properties.put("s3.access-key-id", "local");
        properties.put("s3.secret-access-key", "local");
        properties.put("client.region", region);
        return properties;
    }

    /** The catalog itself, without Spark, for reading table metadata. */
    public static Catalog open(Path dataDirectory, String s3Endpoint, String region) {
        return CatalogUtil.buildIcebergCatalog(
                NAME, properties(dataDirectory, s3Endpoint, region), new org.apache.hadoop.conf.Configuration());
    }
}
