package io.tidewater.contract;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the loader needs to load a set of files into one Iceberg table, named explicitly: the loader never infers
 * a schema or searches for a table.
 *
 * <p>Build one with {@link #builder()}, which names every field and reports every missing one; the canonical
 * constructor is for JSON.
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
 * @param writeMode append, or replace one partition; whatever it is, the rows that do not parse are appended to the
 *     table's quarantine table, so that a restated partition keeps the earlier delivery's bad rows until they are fixed
 * @param evolutionPolicy what to do when the files' schema differs from the table's
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
        EvolutionPolicy evolutionPolicy,
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

    /** A builder with no field set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this job's fields, to build a job that differs in some of them. */
    public Builder toBuilder() {
        return new Builder()
                .jobId(jobId)
                .idempotencyKey(idempotencyKey)
                .runId(runId)
                .table(table)
                .files(files)
                .format(format)
                .readerOptions(readerOptions)
                .columns(columns)
                .constantColumns(constantColumns)
                .writeMode(writeMode)
                .evolutionPolicy(evolutionPolicy)
                .partitionFields(partitionFields)
                .replyTo(replyTo)
                .derivedTables(derivedTables);
    }

    /** This job reading {@code newFiles} instead of its files. */
    public LoadJob withFiles(List<SourceFile> newFiles) {
        return toBuilder().files(newFiles).build();
    }

    /** This job with {@code newColumns} as its crawled schema. */
    public LoadJob withColumns(List<LoadColumn> newColumns) {
        return toBuilder().columns(newColumns).build();
    }

    /** This job reading its delimited text by {@code newReaderOptions}. */
    public LoadJob withReaderOptions(ReaderOptions newReaderOptions) {
        return toBuilder().readerOptions(newReaderOptions).build();
    }

    /** This job writing its rows by {@code newWriteMode}. */
    public LoadJob withWriteMode(WriteMode newWriteMode) {
        return toBuilder().writeMode(newWriteMode).build();
    }

    /** This job with {@code newConstantColumns} and a new table partitioned by {@code newPartitionFields}. */
    public LoadJob withConstantColumnsAndPartitioning(
            List<ConstantColumn> newConstantColumns, List<String> newPartitionFields) {
        return toBuilder()
                .constantColumns(newConstantColumns)
                .partitionFields(newPartitionFields)
                .build();
    }

    /** This job keeping {@code newDerivedTables} in step with its table. */
    public LoadJob withDerivedTables(List<DerivedTable> newDerivedTables) {
        return toBuilder().derivedTables(newDerivedTables).build();
    }

    /**
     * Names every field of a load job, so that no two {@code String}s can be swapped silently. Constant columns,
     * partition fields and derived tables default to none; reader options are needed for CSV only; every other field
     * is required.
     */
    public static final class Builder {
        private String jobId;
        private String idempotencyKey;
        private String runId;
        private String table;
        private List<SourceFile> files;
        private SourceFormat format;
        private ReaderOptions readerOptions;
        private List<LoadColumn> columns;
        private List<ConstantColumn> constantColumns = List.of();
        private WriteMode writeMode;
        private EvolutionPolicy evolutionPolicy;
        private List<String> partitionFields = List.of();
        private String replyTo;
        private List<DerivedTable> derivedTables = List.of();

        private Builder() {}

        /** Unique per attempt of work, for logs and status. */
        public Builder jobId(String jobId) {
            this.jobId = jobId;
            return this;
        }

        /** The same for every delivery of the same source data. */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /** The workflow run the job belongs to. */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /** The target table, {@code namespace.name}. */
        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /** The files to read; at least one. */
        public Builder files(List<SourceFile> files) {
            this.files = files;
            return this;
        }

        /** The files' format. */
        public Builder format(SourceFormat format) {
            this.format = format;
            return this;
        }

        /** How to read delimited text; required for CSV, ignored for columnar formats. */
        public Builder readerOptions(ReaderOptions readerOptions) {
            this.readerOptions = readerOptions;
            return this;
        }

        /** The crawled schema in file order. */
        public Builder columns(List<LoadColumn> columns) {
            this.columns = columns;
            return this;
        }

        /** Columns whose value comes from the report, not the file. */
        public Builder constantColumns(List<ConstantColumn> constantColumns) {
            this.constantColumns = constantColumns;
            return this;
        }

        /** Append, or replace one partition. */
        public Builder writeMode(WriteMode writeMode) {
            this.writeMode = writeMode;
            return this;
        }

        /** What to do when the files' schema differs from the table's. */
        public Builder evolutionPolicy(EvolutionPolicy evolutionPolicy) {
            this.evolutionPolicy = evolutionPolicy;
            return this;
        }

        /** The partition spec for a new table: column names, or transforms such as {@code day(ts)}. */
        public Builder partitionFields(List<String> partitionFields) {
            this.partitionFields = partitionFields;
            return this;
        }

        /** The queue that receives the {@link LoadResult}. */
        public Builder replyTo(String replyTo) {
            this.replyTo = replyTo;
            return this;
        }

        /** Tables kept in step with this one; only a job that replaces an owner's rows may have them. */
        public Builder derivedTables(List<DerivedTable> derivedTables) {
            this.derivedTables = derivedTables;
            return this;
        }

        /**
         * The job.
         *
         * @throws IllegalArgumentException naming every required field that is missing, or why the fields do not make
         *     a job
         */
        public LoadJob build() {
            List<String> missing = new ArrayList<>();
            requirePresent(jobId, "jobId", missing);
            requirePresent(idempotencyKey, "idempotencyKey", missing);
            requirePresent(runId, "runId", missing);
            requirePresent(table, "table", missing);
            requirePresent(files, "files", missing);
            requirePresent(format, "format", missing);
            requirePresent(columns, "columns", missing);
            requirePresent(writeMode, "writeMode", missing);
            requirePresent(evolutionPolicy, "evolutionPolicy", missing);
            requirePresent(replyTo, "replyTo", missing);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("Cannot build load job%s: %s"
                        .formatted(
                                table == null ? "" : " for " + table,
                                String.join(
                                        ", ",
                                        missing.stream()
                                                .map(field -> field + " is missing")
                                                .toList())));
            }
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
                    derivedTables);
        }

        private static void requirePresent(Object value, String field, List<String> missing) {
            if (value == null || value instanceof String text && text.isBlank()) {
                missing.add(field);
            }
        }
    }
}
