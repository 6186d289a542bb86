package io.tidewater.loader.load;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session of a load job's own, because the write-audit-publish id is a session setting: concurrent jobs must
 * not see each other's. Each session opens its own Iceberg catalog (connections, FileIO), which closing releases.
 */
final class JobSession implements AutoCloseable {

    private final SparkSession session;
    private final String catalogName;

    private JobSession(SparkSession session, String catalogName) {
        this.session = session;
        this.catalogName = catalogName;
    }

    static JobSession open(SparkSession spark, String catalogName, String idempotencyKey) {
        SparkSession session = spark.newSession();
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
