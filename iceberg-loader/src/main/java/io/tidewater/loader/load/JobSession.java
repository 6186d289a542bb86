package io.tidewater.loader.load;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A Spark session of a load job's own while it runs, because the write-audit-publish id is a session setting:
 * concurrent jobs must not see each other's. Closing hands the session back for the next job: each session opens its
 * own Iceberg catalog (JDBC connections, FileIO and its S3 client), which costs more than a tiny job's whole write.
 * So there are at most as many sessions as jobs have ever run at once.
 */
final class JobSession implements AutoCloseable {

    private static final String TIME_ZONE = "spark.sql.session.timeZone";
    private static final String WAP_ID = "spark.wap.id";

    /** Idle sessions by parent session and catalog name; guarded by itself. */
    private static final Map<SparkSession, Map<String, Deque<SparkSession>>> IDLE = new WeakHashMap<>();

    private final SparkSession parent;
    private final SparkSession session;
    private final String catalogName;

    private JobSession(SparkSession parent, SparkSession session, String catalogName) {
        this.parent = parent;
        this.session = session;
        this.catalogName = catalogName;
    }

    /** @param table the job's table, which a session used before may hold in its catalog's cache */
    static JobSession open(SparkSession spark, String catalogName, TableIdentifier table, String idempotencyKey) {
        SparkSession session;
        synchronized (IDLE) {
            session = idle(spark, catalogName).pollFirst();
        }
        if (session == null) {
            session = newSession(spark, catalogName);
        } else if (session.sessionState().catalogManager().isCatalogRegistered(catalogName)
                && session.sessionState().catalogManager().catalog(catalogName) instanceof TableCatalog catalog) {
            // With the catalog's cache-enabled, an earlier job's schema would outlive an evolution since.
            catalog.invalidateTable(Identifier.of(table.namespace().levels(), table.name()));
        }
        session.conf().set(WAP_ID, idempotencyKey);
        return new JobSession(spark, session, catalogName);
    }

    private static SparkSession newSession(SparkSession spark, String catalogName) {
        SparkSession session = spark.newSession();
        // A new session starts from the context's configuration, but the catalog may have been configured on the
        // parent while it ran (LoadJobSubmission on a session that already existed): the job's session needs it too.
        String catalogPrefix = "spark.sql.catalog." + catalogName;
        CollectionConverters.asJava(spark.conf().getAll()).forEach((key, value) -> {
            if (key.equals(catalogPrefix) || key.startsWith(catalogPrefix + ".") || key.equals(TIME_ZONE)) {
                session.conf().set(key, value);
            }
        });
        // A malformed row is only found when every field is parsed, also in queries that need fewer columns.
        session.conf().set("spark.sql.csv.parser.columnPruning.enabled", "false");
        return session;
    }

    private static Deque<SparkSession> idle(SparkSession spark, String catalogName) {
        return IDLE.computeIfAbsent(spark, parent -> new HashMap<>())
                .computeIfAbsent(catalogName, name -> new ArrayDeque<>());
    }

    SparkSession spark() {
        return session;
    }

    @Override
    public void close() {
        session.conf().unset(WAP_ID);
        synchronized (IDLE) {
            idle(parent, catalogName).addFirst(session);
        }
    }
}
