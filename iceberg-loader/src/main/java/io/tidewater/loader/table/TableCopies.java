package io.tidewater.loader.table;

import io.tidewater.loader.catalog.Catalogs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.TableUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Copies a table, one snapshot of it, into another catalog (as moving a Glue table into an S3 table bucket): the
 * target gets the same schema, partition spec and sort order through the catalog API, the rows through Spark, and its
 * snapshot records the source table and snapshot, which is what makes a repeated copy a no-op.
 */
@Component
class TableCopies {

    static final String SOURCE_TABLE = "tidewater.copy.source-table";
    static final String SOURCE_SNAPSHOT_ID = "tidewater.copy.source-snapshot-id";

    /** Set on the target at creation, so that a copy interrupted before its rows were written can finish. */
    static final String COPY_OF = "tidewater.copy-of";

    private static final Logger log = LoggerFactory.getLogger(TableCopies.class);

    /** Table properties that point at the source's own locations and so must not follow it. */
    private static final List<String> LOCATION_PROPERTIES = List.of(
            TableProperties.WRITE_DATA_LOCATION,
            TableProperties.WRITE_METADATA_LOCATION,
            TableProperties.OBJECT_STORE_PATH,
            TableProperties.WRITE_FOLDER_STORAGE_LOCATION);

    private final SparkSession spark;
    private final Catalogs catalogs;
    private final CatalogTables tables;
    private final Map<String, Object> targetLocks = new ConcurrentHashMap<>();

    TableCopies(SparkSession spark, Catalogs catalogs, CatalogTables tables) {
        this.spark = spark;
        this.catalogs = catalogs;
        this.tables = tables;
    }

    /**
     * What a copy did.
     *
     * @param sourceSnapshotId the snapshot copied; {@code null} for a table without data
     * @param targetSnapshotId the target's snapshot holding the rows; {@code null} for a table without data
     * @param rows rows the target holds
     * @param alreadyCopied the target was a copy of this very snapshot already, and nothing was written
     */
    record CopyResult(
            String sourceCatalog,
            String sourceTable,
            Long sourceSnapshotId,
            String targetCatalog,
            String targetTable,
            Long targetSnapshotId,
            long rows,
            boolean alreadyCopied) {}

    /**
     * @throws AlreadyExistsException when the target exists and is not a copy of the source's current snapshot
     * @throws NoSuchTableException when the source does not exist
     */
    CopyResult copy(String sourceCatalogName, String sourceTable, String targetCatalogName, String targetTable) {
        String sourceCatalog = catalogs.nameOrPrimary(sourceCatalogName);
        String targetCatalog = catalogs.nameOrPrimary(targetCatalogName);
        TableIdentifier sourceId = CatalogTables.identifier(sourceTable);
        TableIdentifier targetId =
                CatalogTables.identifier(targetTable == null || targetTable.isBlank() ? sourceTable : targetTable);
        if (sourceCatalog.equals(targetCatalog) && sourceId.equals(targetId)) {
            throw new IllegalArgumentException("Cannot copy %s.%s onto itself: name another target catalog or table"
                    .formatted(sourceCatalog, sourceId));
        }
        Table source = catalogs.catalog(sourceCatalog).loadTable(sourceId);
        Snapshot snapshot = source.currentSnapshot();
        String sourceName = sourceCatalog + "." + sourceId;
        String copyOf = sourceName + "@" + (snapshot == null ? "empty" : snapshot.snapshotId());
        // Two copies to one target in this loader must not both write the rows.
        synchronized (targetLocks.computeIfAbsent(targetCatalog + "." + targetId, key -> new Object())) {
            Catalog target = catalogs.catalog(targetCatalog);
            Table copy;
            if (target.tableExists(targetId)) {
                copy = target.loadTable(targetId);
                Optional<Snapshot> earlier = copiedSnapshot(copy, sourceName, snapshot);
                if (earlier.isPresent()
                        || (snapshot == null && copyOf.equals(copy.properties().get(COPY_OF)))) {
                    return result(sourceCatalog, sourceId, snapshot, targetCatalog, targetId, copy, true);
                }
                if (!copyOf.equals(copy.properties().get(COPY_OF)) || copy.currentSnapshot() != null) {
                    throw new AlreadyExistsException(
                            "Cannot copy %s to %s.%s: the target exists and is not a copy of snapshot %s (it is %s)",
                            sourceName,
                            targetCatalog,
                            targetId,
                            snapshot == null ? "empty" : snapshot.snapshotId(),
                            copy.properties().getOrDefault(COPY_OF, "no copy"));
                }
                log.info(
                        "Finishing the copy of {} into {}.{}: the target was created without rows",
                        copyOf,
                        targetCatalog,
                        targetId);
            } else {
                tables.createNamespace(targetCatalog, targetId.namespace().toString());
                copy = target.buildTable(targetId, source.schema())
                        .withPartitionSpec(source.spec())
                        .withSortOrder(source.sortOrder())
                        .withProperties(copiedProperties(source, copyOf))
                        .create();
            }
            if (snapshot != null) {
                Dataset<Row> rows = spark.read()
                        .option("versionAsOf", String.valueOf(snapshot.snapshotId()))
                        .table(sourceName);
                try {
                    rows.writeTo(targetCatalog + "." + targetId)
                            .option("snapshot-property." + SOURCE_TABLE, sourceName)
                            .option("snapshot-property." + SOURCE_SNAPSHOT_ID, String.valueOf(snapshot.snapshotId()))
                            .append();
                } catch (Exception e) {
                    throw new IllegalStateException(
                            "Cannot copy the rows of %s into %s.%s: %s"
                                    .formatted(copyOf, targetCatalog, targetId, e.getMessage()),
                            e);
                }
                copy.refresh();
            }
            return result(sourceCatalog, sourceId, snapshot, targetCatalog, targetId, copy, false);
        }
    }

    private static Map<String, String> copiedProperties(Table source, String copyOf) {
        Map<String, String> properties = new HashMap<>(source.properties());
        LOCATION_PROPERTIES.forEach(properties::remove);
        properties.put(TableProperties.FORMAT_VERSION, String.valueOf(TableUtil.formatVersion(source)));
        properties.put(COPY_OF, copyOf);
        return properties;
    }

    /** The target's published snapshot that copied this source snapshot, if any. */
    private static Optional<Snapshot> copiedSnapshot(Table copy, String sourceName, Snapshot snapshot) {
        if (snapshot == null || copy.currentSnapshot() == null) {
            return Optional.empty();
        }
        for (Snapshot ancestor : SnapshotUtil.currentAncestors(copy)) {
            if (sourceName.equals(ancestor.summary().get(SOURCE_TABLE))
                    && String.valueOf(snapshot.snapshotId())
                            .equals(ancestor.summary().get(SOURCE_SNAPSHOT_ID))) {
                return Optional.of(ancestor);
            }
        }
        return Optional.empty();
    }

    private static CopyResult result(
            String sourceCatalog,
            TableIdentifier sourceId,
            Snapshot snapshot,
            String targetCatalog,
            TableIdentifier targetId,
            Table copy,
            boolean alreadyCopied) {
        Snapshot current = copy.currentSnapshot();
        String total = current == null ? null : current.summary().get(SnapshotSummary.TOTAL_RECORDS_PROP);
        return new CopyResult(
                sourceCatalog,
                sourceId.toString(),
                snapshot == null ? null : snapshot.snapshotId(),
                targetCatalog,
                targetId.toString(),
                current == null ? null : current.snapshotId(),
                total == null ? 0 : Long.parseLong(total),
                alreadyCopied);
    }
}
