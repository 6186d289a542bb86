package io.tidewater.loader.catalog;

import io.tidewater.loader.config.LoaderProperties;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.SparkSession;
import org.springframework.stereotype.Component;

/**
 * The Iceberg catalogs registered in the loader's Spark session, by their Spark name. Each is the very catalog Spark
 * reads and writes through, so a table created here is one Spark finds.
 */
@Component
public class Catalogs {

    private final SparkSession spark;
    private final String primary;
    private final List<String> names;

    public Catalogs(SparkSession spark, LoaderProperties properties) {
        this.spark = spark;
        this.primary = properties.catalog().name();
        this.names = List.copyOf(properties.allCatalogs().keySet());
    }

    /** The catalog loads go into. */
    public String primary() {
        return primary;
    }

    /** Every catalog's name, the primary first. */
    public List<String> names() {
        return names;
    }

    /** The named catalog, or the primary one for {@code null} or blank. */
    public Catalog catalog(String name) {
        String wanted = nameOrPrimary(name);
        if (!names.contains(wanted)) {
            throw new UnknownCatalogException(
                    "Cannot find catalog '%s': the loader has %s".formatted(wanted, String.join(", ", names)));
        }
        return ((SparkCatalog) spark.sessionState().catalogManager().catalog(wanted)).icebergCatalog();
    }

    /** The name a request means: the primary catalog when it names none. */
    public String nameOrPrimary(String name) {
        return name == null || name.isBlank() ? primary : name.strip();
    }

    /** A catalog name that is not configured. */
    public static class UnknownCatalogException extends NoSuchElementException {
        UnknownCatalogException(String message) {
            super(message);
        }
    }
}
