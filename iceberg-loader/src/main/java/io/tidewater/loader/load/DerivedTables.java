package io.tidewater.loader.load;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.tidewater.contract.DerivedTable;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.WriteMode;
import io.tidewater.loader.sql.ColumnExpressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.DistributionMode;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdatePartitionSpec;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.spark.SparkWriteOptions;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Keeps a job's derived tables in step with its table, after the job's own rows are published: each derived table gets
 * the owner's rows of the partition as the job's table now holds them, with the derived columns computed, in one
 * commit under a key of its own. Published already (a redelivery) means written already; published the job's rows but
 * not the derived ones (a crash between the commits) means the redelivery writes them.
 */
final class DerivedTables {

    private final SparkSession spark;
    private final IcebergTables tables;
    private final String catalogName;

    DerivedTables(SparkSession spark, IcebergTables tables, String catalogName) {
        this.spark = spark;
        this.tables = tables;
        this.catalogName = catalogName;
    }

    /**
     * Refuses the job before anything is written when a derived column's expression is not admitted.
     *
     * @throws InvalidLoadJobException naming every refused expression and why
     */
    void requireAdmitted(LoadJob job) {
        List<String> problems = new ArrayList<>();
        for (DerivedTable derived : job.derivedTables()) {
            for (DerivedTable.Column column : derived.columns()) {
                List<String> refusals = ColumnExpressions.refusals(spark, castOf(column));
                if (!refusals.isEmpty()) {
                    problems.add("%s column %s = %s: %s"
                            .formatted(
                                    derived.table(), column.name(), column.expression(), String.join("; ", refusals)));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidLoadJobException(
                    "Cannot derive tables from load job %s: %s".formatted(job.jobId(), String.join(", ", problems)),
                    null);
        }
    }

    List<LoadResult.DerivedLoad> load(LoadJob job) {
        List<LoadResult.DerivedLoad> loads = new ArrayList<>();
        for (DerivedTable derived : job.derivedTables()) {
            loads.add(load(job, derived));
        }
        return loads;
    }

    static String idempotencyKey(LoadJob job, DerivedTable derived) {
        return job.idempotencyKey() + "#" + derived.table();
    }

    private LoadResult.DerivedLoad load(LoadJob job, DerivedTable derived) {
        WriteMode.Replace replace = (WriteMode.Replace) job.writeMode();
        String key = idempotencyKey(job, derived);
        TableIdentifier identifier = TableIdentifier.parse(derived.table());
        Dataset<Row> rows = rows(spark, job, derived, replace);
        Schema schema = optional(SparkSchemaUtil.convert(rows.schema()));
        Table table = tables.loadOrCreate(identifier, schema, spec(schema, derived, replace));
        Optional<Snapshot> earlier = LoadHistory.publishedSnapshot(table, key);
        if (earlier.isPresent()) {
            return new LoadResult.DerivedLoad(
                    derived.table(), 0, earlier.get().snapshotId(), true, ShadowedKeys.of(earlier.get()));
        }
        fit(table, schema, derived, replace);

        try (JobSession session = JobSession.open(spark, catalogName, identifier, key)) {
            Dataset<Row> sessionRows = rows(session.spark(), job, derived, replace);
            try {
                sessionRows
                        .writeTo(catalogName + "." + derived.table())
                        .option(SparkWriteOptions.DISTRIBUTION_MODE, DistributionMode.NONE.modeName())
                        .option(SparkWriteOptions.FANOUT_ENABLED, "true")
                        .option("snapshot-property." + LoadHistory.IDEMPOTENCY_KEY, key)
                        .option("snapshot-property." + LoadHistory.JOB_ID, job.jobId())
                        .option("snapshot-property." + LoadHistory.RUN_ID, job.runId())
                        .append();
            } catch (Exception e) {
                throw LoadFailures.classify(job, e);
            }
        }
        ReplacedRows replaced = new ReplacedRows(
                table,
                new WriteMode.Replace(
                        replace.column(),
                        replace.value(),
                        new WriteMode.Owner(
                                derived.ownerColumn(), replace.owner().value())));
        String what = "derived table %s of load job %s".formatted(derived.table(), job.jobId());
        if (derived.precedence() == null) {
            StagedSnapshots.Published published = StagedSnapshots.publishReplacing(table, key, what, replaced);
            return result(derived, published, List.of());
        }
        Expression partition = replaced.partitionScope();
        SourcePrecedence precedence = new SourcePrecedence(
                table,
                derived.precedence(),
                replaced,
                replace.column(),
                replaced.partitionValue(),
                derived.ownerColumn(),
                replace.owner().value());
        // The whole partition: the precedence reads every source's files of it, not only the owner's.
        StagedSnapshots.Published published = StagedSnapshots.publishSwapping(table, key, what, partition, precedence);
        return result(
                derived,
                published,
                published.alreadyLoaded() ? ShadowedKeys.of(published.snapshot()) : precedence.shadowed());
    }

    private static LoadResult.DerivedLoad result(
            DerivedTable derived, StagedSnapshots.Published published, List<LoadResult.Shadowed> shadowed) {
        return new LoadResult.DerivedLoad(
                derived.table(),
                published.alreadyLoaded() ? 0 : LoadHistory.addedRecords(published.snapshot()),
                published.snapshot().snapshotId(),
                published.alreadyLoaded(),
                shadowed);
    }

    /** The owner's rows of the partition as the job's table holds them now, with the derived columns. */
    private Dataset<Row> rows(SparkSession session, LoadJob job, DerivedTable derived, WriteMode.Replace replace) {
        Dataset<Row> held = session.table(catalogName + "." + job.table())
                .where(col(replace.column())
                        .cast("string")
                        .equalTo(replace.value())
                        .and(col(replace.owner().column())
                                .equalTo(replace.owner().value())));
        List<Column> columns = new ArrayList<>();
        for (DerivedTable.Column column : derived.columns()) {
            columns.add(expr(castOf(column)).as(column.name()));
        }
        columns.add(col(replace.column()));
        if (derived.precedence() != null) {
            columns.add(
                    lit(derived.precedence().source()).as(derived.precedence().sourceColumn()));
        }
        columns.add(col(replace.owner().column()).as(derived.ownerColumn()));
        try {
            return held.select(columns.toArray(Column[]::new));
        } catch (Exception e) {
            throw new InvalidLoadJobException(
                    "Cannot derive %s from %s in load job %s: %s"
                            .formatted(derived.table(), job.table(), job.jobId(), e.getMessage()),
                    e);
        }
    }

    /** The text that runs, and is checked: the expression cast to its column's type. */
    private static String castOf(DerivedTable.Column column) {
        return "CAST((" + column.expression() + ") AS " + column.type() + ")";
    }

    /** Every derived column may be null in a later source, as every loaded column may. */
    private static Schema optional(Schema schema) {
        return new Schema(
                schema.columns().stream().map(Types.NestedField::asOptional).toList());
    }

    /** Identity fields on the partition column, the source column, the key columns and the owner column. */
    private static List<String> partitionColumns(DerivedTable derived, WriteMode.Replace replace) {
        List<String> columns = new ArrayList<>();
        columns.add(replace.column());
        if (derived.precedence() != null) {
            columns.add(derived.precedence().sourceColumn());
            columns.addAll(derived.precedence().keyColumns());
        }
        columns.add(derived.ownerColumn());
        return columns;
    }

    private static PartitionSpec spec(Schema schema, DerivedTable derived, WriteMode.Replace replace) {
        return JobSchema.partitionSpec(schema, partitionColumns(derived, replace), derived.table());
    }

    /** Adds the columns and identity partition fields a derived table lacks, additively; never drops one. */
    private static void fit(Table table, Schema schema, DerivedTable derived, WriteMode.Replace replace) {
        boolean missingColumn = schema.columns().stream()
                .anyMatch(column -> table.schema().caseInsensitiveFindField(column.name()) == null);
        if (missingColumn) {
            table.updateSchema().unionByNameWith(schema).commit();
            table.refresh();
        }
        UpdatePartitionSpec update = null;
        for (String column : partitionColumns(derived, replace)) {
            Types.NestedField field = table.schema().caseInsensitiveFindField(column);
            boolean partitioned = table.spec().fields().stream()
                    .filter(partition -> partition.transform().isIdentity())
                    .map(PartitionField::sourceId)
                    .anyMatch(id -> id == field.fieldId());
            if (!partitioned) {
                update = update == null ? table.updateSpec() : update;
                update.addField(field.name());
            }
        }
        if (update != null) {
            update.commit();
            table.refresh();
        }
    }
}
