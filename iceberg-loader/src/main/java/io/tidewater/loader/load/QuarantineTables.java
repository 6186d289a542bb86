package io.tidewater.loader.load;

import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import io.tidewater.contract.LoadJob;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.springframework.stereotype.Component;

/**
 * {@code <table>_quarantine}: the rows a load could not take, with the file, line, raw text and reason, so that
 * nothing is lost and every bad row can be fixed and loaded again.
 */
@Component
class QuarantineTables {

    static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "source_file", Types.StringType.get()),
            Types.NestedField.optional(2, "line_number", Types.LongType.get()),
            Types.NestedField.optional(3, "raw_text", Types.StringType.get()),
            Types.NestedField.required(4, "reason", Types.StringType.get()),
            Types.NestedField.required(5, "job_id", Types.StringType.get()),
            Types.NestedField.required(6, "run_id", Types.StringType.get()),
            Types.NestedField.required(7, "idempotency_key", Types.StringType.get()),
            Types.NestedField.required(8, "quarantined_at", Types.TimestampType.withZone()));

    private final IcebergTables tables;

    QuarantineTables(IcebergTables tables) {
        this.tables = tables;
    }

    static TableIdentifier of(TableIdentifier table) {
        return TableIdentifier.of(table.namespace(), table.name() + "_quarantine");
    }

    Table loadOrCreate(TableIdentifier table) {
        return tables.loadOrCreate(of(table), SCHEMA, PartitionSpec.unpartitioned());
    }

    /** The explained bad rows with the job's identity, in the quarantine table's column order. */
    static Dataset<Row> rows(Dataset<Row> explained, LoadJob job) {
        return explained.select(
                explained.col("source_file"),
                explained.col("line_number"),
                explained.col("raw_text"),
                explained.col("reason"),
                lit(job.jobId()).as("job_id"),
                lit(job.runId()).as("run_id"),
                lit(job.idempotencyKey()).as("idempotency_key"),
                current_timestamp().as("quarantined_at"));
    }
}
