package io.tidewater.contract;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Everything the loader needs to load a set of files into one Iceberg table, named explicitly: the loader never infers
 * a schema or searches for a table.
 *
 * @param jobId unique per attempt of work, for logs and status
 * @param idempotencyKey the same for every delivery of the same source data; a table whose snapshot ancestry carries
 *     it already holds these rows
 * @param runId the workflow run the job belongs to
 * @param table the target table, {@code namespace.name}
 * @param files the files to read
 * @param format the files' format
 * @param readerOptions how to read delimited text; ignored for columnar formats
 * @param columns the crawled schema in file order
 * @param constantColumns columns whose value comes from the report, not the file
 * @param writeMode append, or replace one partition
 * @param evolutionPolicy the name of the schema evolution policy, such as {@code addNewColumns}
 * @param partitionFields the partition spec for a new table: column names, or transforms such as {@code day(ts)}
 * @param replyTo the queue that receives the {@link LoadResult}
 * @param derivedTables tables kept in step with this one, each replaced by its own commit after this table's; only a
 *     job that replaces an owner's rows may have them
 */
public record LoadJob(
        String jobId,
        String idempotencyKey,
        String runId,
        String table,
        List<SourceFile> files,
        SourceFormat format,
        ReaderOptions readerOptions,
        List<LoadColumn> columns,
        List<ConstantColumn> constantColumns,
        WriteMode writeMode,
        String evolutionPolicy,
        List<String> partitionFields,
        String replyTo,
        List<DerivedTable> derivedTables) {

    public LoadJob {
        requireNonNull(jobId, "jobId is null");
        requireNonNull(idempotencyKey, "idempotencyKey is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(table, "table is null");
        requireNonNull(format, "format is null");
        requireNonNull(writeMode, "writeMode is null");
        requireNonNull(evolutionPolicy, "evolutionPolicy is null");
        requireNonNull(replyTo, "replyTo is null");
        files = List.copyOf(requireNonNull(files, "files is null"));
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        constantColumns = constantColumns == null ? List.of() : List.copyOf(constantColumns);
        partitionFields = partitionFields == null ? List.of() : List.copyOf(partitionFields);
        derivedTables = derivedTables == null ? List.of() : List.copyOf(derivedTables);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("Cannot create load job " + jobId + " for " + table + ": no files");
        }
        if (format == SourceFormat.CSV && readerOptions == null) {
            throw new IllegalArgumentException(
                    "Cannot create load job " + jobId + " for " + table + ": CSV needs reader options");
        }
        if (!derivedTables.isEmpty() && !(writeMode instanceof WriteMode.Replace replace && replace.owner() != null)) {
            throw new IllegalArgumentException("Cannot create load job %s for %s: derived tables %s need a write mode"
                            .formatted(
                                    jobId,
                                    table,
                                    derivedTables.stream()
                                            .map(DerivedTable::table)
                                            .toList())
                    + " that replaces an owner's rows, not " + writeMode);
        }
    }

    /** A job without derived tables. */
    public LoadJob(
            String jobId,
            String idempotencyKey,
            String runId,
            String table,
            List<SourceFile> files,
            SourceFormat format,
            ReaderOptions readerOptions,
            List<LoadColumn> columns,
            List<ConstantColumn> constantColumns,
            WriteMode writeMode,
            String evolutionPolicy,
            List<String> partitionFields,
            String replyTo) {
        this(
                jobId,
                idempotencyKey,
                runId,
                table,
                files,
                format,
                readerOptions,
                columns,
                constantColumns,
                writeMode,
                evolutionPolicy,
                partitionFields,
                replyTo,
                List.of());
    }

    /** This job reading {@code newFiles} instead of its files. */
    public LoadJob withFiles(List<SourceFile> newFiles) {
        return new LoadJob(
                jobId,
                idempotencyKey,
                runId,
                table,
                newFiles,
                format,
                readerOptions,
                columns,
                constantColumns,
                writeMode,
                evolutionPolicy,
                partitionFields,
                replyTo,
                derivedTables);
    }

    /** This job with {@code newColumns} as its crawled schema. */
    public LoadJob withColumns(List<LoadColumn> newColumns) {
        return new LoadJob(
                jobId,
                idempotencyKey,
                runId,
                table,
                files,
                format,
                readerOptions,
                newColumns,
                constantColumns,
                writeMode,
                evolutionPolicy,
                partitionFields,
                replyTo,
                derivedTables);
    }

    /** This job reading its delimited text by {@code newReaderOptions}. */
    public LoadJob withReaderOptions(ReaderOptions newReaderOptions) {
        return new LoadJob(
                jobId,
                idempotencyKey,
                runId,
                table,
                files,
                format,
                newReaderOptions,
                columns,
                constantColumns,
                writeMode,
                evolutionPolicy,
                partitionFields,
                replyTo,
                derivedTables);
    }

    /** This job writing its rows by {@code newWriteMode}. */
    public LoadJob withWriteMode(WriteMode newWriteMode) {
        return new LoadJob(
                jobId,
                idempotencyKey,
                runId,
                table,
                files,
                format,
                readerOptions,
                columns,
                constantColumns,
                newWriteMode,
                evolutionPolicy,
                partitionFields,
                replyTo,
                derivedTables);
    }

    /** This job with {@code newConstantColumns} and a new table partitioned by {@code newPartitionFields}. */
    public LoadJob withConstantColumnsAndPartitioning(
            List<ConstantColumn> newConstantColumns, List<String> newPartitionFields) {
        return new LoadJob(
                jobId,
                idempotencyKey,
                runId,
                table,
                files,
                format,
                readerOptions,
                columns,
                newConstantColumns,
                writeMode,
                evolutionPolicy,
                newPartitionFields,
                replyTo,
                derivedTables);
    }

    /** This job keeping {@code newDerivedTables} in step with its table. */
    public LoadJob withDerivedTables(List<DerivedTable> newDerivedTables) {
        return new LoadJob(
                jobId,
                idempotencyKey,
                runId,
                table,
                files,
                format,
                readerOptions,
                columns,
                constantColumns,
                writeMode,
                evolutionPolicy,
                partitionFields,
                replyTo,
                newDerivedTables);
    }
}
