package io.tidewater.loader.table;

import java.util.List;

/**
 * Every schema a table had, with the load that introduced it, and its snapshots oldest first.
 *
 * @param schemas oldest first
 * @param snapshots oldest first
 */
record SchemaHistory(
        String catalog, String table, int currentSchemaId, List<SchemaVersion> schemas, List<SnapshotEntry> snapshots) {

    SchemaHistory {
        schemas = List.copyOf(schemas);
        snapshots = List.copyOf(snapshots);
    }

    /**
     * One schema id.
     *
     * @param columns the top-level columns
     * @param addedColumns columns this schema has and the one before it lacked; every column for the first schema
     * @param introducedBy the first published snapshot written with this schema: the load whose schema change made it
     *     when its summary records that, or else the first load that wrote with it; {@code null} when no data was
     *     written with it
     * @param recordedBySnapshot whether {@code introducedBy}'s summary names this schema as the one its load created
     */
    record SchemaVersion(
            int schemaId,
            List<Column> columns,
            List<String> addedColumns,
            SnapshotEntry introducedBy,
            boolean recordedBySnapshot) {

        SchemaVersion {
            columns = List.copyOf(columns);
            addedColumns = List.copyOf(addedColumns);
        }
    }

    /** A column: Iceberg field id, name, type in Iceberg's type syntax, and whether it must hold a value. */
    record Column(int id, String name, String type, boolean required) {}
}
