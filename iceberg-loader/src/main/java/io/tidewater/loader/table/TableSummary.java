package io.tidewater.loader.table;

import java.util.List;

/**
 * One table as listed.
 *
 * @param catalog the catalog's Spark name
 * @param table {@code namespace.name}
 * @param currentSchemaId the schema new rows are written with
 * @param snapshotCount every snapshot the table keeps, staged ones included
 * @param currentSnapshotId {@code null} while the table holds no data
 * @param rowCount the current snapshot's {@code total-records}; {@code null} while the table holds no data
 * @param partitionSpec the current spec's fields, as the create request takes them ({@code bucket}, {@code day(ts)})
 */
record TableSummary(
        String catalog,
        String table,
        int currentSchemaId,
        int snapshotCount,
        Long currentSnapshotId,
        Long rowCount,
        List<String> partitionSpec) {

    TableSummary {
        partitionSpec = List.copyOf(partitionSpec);
    }
}
