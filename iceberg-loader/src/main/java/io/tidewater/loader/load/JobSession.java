package io.tidewater.loader.load;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A Spark session of a load job's own, because the write-audit-publish id is a session setting: concurrent jobs must
 * not see each other's. Each session opens its own Iceberg catalog (connections, FileIO), which closing releases.
 */
final class JobSession implements AutoCloseable {

    private static final String TIME_ZONE = "spark.sql.session.timeZone";

    private final SparkSession session;
    private final String catalogName;

    private JobSession(SparkSession session, String catalogName) {
        this.session = session;
        this.catalogName = catalogName;
    }

    static JobSession open(SparkSession spark, String catalogName, String idempotencyKey) {
        SparkSession session = spark.newSession();
        // A new session starts from the context's configuration, but the catalog may have been configured on the
        // parent while it ran (LoadJobSubmission on a session that already existed): the job's session needs it too.
        String catalogPrefix = "spark.sql.catalog." + catalogName;
        CollectionConverters.asJava(spark.conf().getAll()).forEach((key, value) -> {
            if (key.equals(catalogPrefix) || key.startsWith(catalogPrefix + ".") || key.equals(TIME_ZONE)) {
                session.conf().set(key, value);
            }
        });
        session.conf().set("spark.wap.id", idempotencyKey);
        // A malformed row is only found when every field is parsed, also in queries that need fewer columns.
        session.conf().set("spark.sql.csv.parser.columnPruning.enabled", "false");
        return new JobSession(session, catalogName);
    }

    SparkSession spark() {
        return session;
    }

    @Override
    public void close() {
        if (!session.sessionState().catalogManager().isCatalogRegistered(catalogName)) {
            return;
        }
        if (session.sessionState().catalogManager().catalog(catalogName) instanceof SparkCatalog catalog
                && catalog.icebergCatalog() instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close the job session's catalog " + catalogName, e);
            }
        }
    }
}
