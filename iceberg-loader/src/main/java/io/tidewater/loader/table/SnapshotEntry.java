package io.tidewater.loader.table;

import java.time.Instant;
import java.util.List;

/**
 * One snapshot of a table and the load that wrote it, from its summary (for a published snapshot, together with the
 * summary of the staged snapshot it was cherry-picked from).
 *
 * @param published whether the snapshot is in the current ancestry; a staged snapshot that was never published is not
 * @param schemaId the schema the snapshot was written with
 * @param jobId the load job, {@code null} when no loader wrote it
 * @param idempotencyKey the load's idempotency key
 * @param sourceFiles the files the load read
 * @param addedRecords rows the snapshot added
 * @param introducedSchemaId the schema id the load's own schema change created, {@code null} when it changed none
 * @param nullTokens the text values besides the empty field that the load read as null
 * @param copiedFrom {@code catalog.namespace.name@snapshot} when the snapshot is a copy of another table
 */
record SnapshotEntry(
        long snapshotId,
        Long parentId,
        Instant committedAt,
        String operation,
        boolean published,
        Integer schemaId,
        String jobId,
        String idempotencyKey,
        List<String> sourceFiles,
        Long addedRecords,
        Integer introducedSchemaId,
        List<String> nullTokens,
        String copiedFrom) {

    SnapshotEntry {
        sourceFiles = List.copyOf(sourceFiles);
        nullTokens = List.copyOf(nullTokens);
    }
}
