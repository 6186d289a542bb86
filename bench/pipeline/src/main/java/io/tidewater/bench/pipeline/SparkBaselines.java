package io.tidewater.bench.pipeline;

import java.util.EnumSet;
import io.tidewater.contract.S3InventoryField;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What a team would write by hand instead of Tidewater, on the loader's own warm Spark driver and the same S3 and
 * catalog: the most favourable setting a baseline can have (no spark-submit, no JVM start).
 */
final class SparkBaselines {

    /** A CSV inventory field: its name in the manifest's fileSchema, its table name and its type. */
    record InventoryField(String sourceName, String tableName, DataType type) {}

    static final List<InventoryField> FIELDS = EnumSet.range(
                    S3InventoryField.BUCKET, S3InventoryField.CHECKSUM_ALGORITHM)
            .stream()
            .map(field -> new InventoryField(field.fieldName(), field.columnName(), sparkType(field.type())))
            .toList();

    private static DataType sparkType(String icebergType) {
        return switch (icebergType) {
            case "boolean" -> DataTypes.BooleanType;
            case "long" -> DataTypes.LongType;
            case "timestamptz" -> DataTypes.TimestampType;
            default -> DataTypes.StringType;
        };
    }

    static final String PLAIN_TABLE = "bench.plain_spark_objects";
    static final String GLUE_STYLE_TABLE = "bench.glue_style_objects";

    private final SparkSession spark;

    SparkBaselines(SparkSession loaderSpark) {
        // A session of its own, as each load job has: no write-audit-publish id, no setting leaks either way.
        this.spark = loaderSpark.newSession();
        spark.sql("CREATE NAMESPACE IF NOT EXISTS bench");
    }

    /**
     * The plain job: the explicit schema, URL-decoded keys, the two constant columns, an append into a table shaped
     * and partitioned as {@code inventory.objects}. Creates the table on first use (the warm-up).
     */
    void plainSpark(List<String> files, String inventoryDate, String configurationId) throws Exception {
        plainSpark(files, inventoryDate, configurationId, InventoryFileFormat.CSV);
    }

    /** The plain job over Parquet or ORC files, which carry their schema and S3's column names already. */
    void plainSpark(List<String> files, String inventoryDate, String configurationId, InventoryFileFormat format)
            throws Exception {
        List<Column> columns = new ArrayList<>();
        Dataset<Row> raw;
        if (format == InventoryFileFormat.CSV) {
            raw = spark.read().schema(csvSchema()).csv(files.toArray(String[]::new));
            for (InventoryField field : FIELDS) {
                Column value = col(field.sourceName());
                columns.add(
                        ("Key".equals(field.sourceName()) ? functions.url_decode(value) : value).as(field.tableName()));
            }
        } else {
            raw = spark.read().format(sparkFormat(format)).load(files.toArray(String[]::new));
            FIELDS.forEach(field -> columns.add(col(field.tableName())));
        }
        columns.add(lit(inventoryDate).cast(DataTypes.DateType).as("inventory_date"));
        columns.add(lit(configurationId).as("inventory_configuration"));
        Dataset<Row> rows = raw.select(columns.toArray(Column[]::new));
        if (spark.catalog().tableExists(PLAIN_TABLE)) {
            rows.writeTo(PLAIN_TABLE).append();
        } else {
            rows.writeTo(PLAIN_TABLE)
                    .partitionedBy(col("bucket"), col("inventory_date"))
                    .create();
        }
    }

    /**
     * The Glue-style job: {@code inferSchema=true} (a full extra pass over every gzip stream), the crawler's column
     * names, and a merge-schema append, as a Glue ETL job over a crawled inventory table does.
     */
    void glueStyle(List<String> files, String inventoryDate, String configurationId) throws Exception {
        glueStyle(files, inventoryDate, configurationId, InventoryFileFormat.CSV);
    }

    /** Over Parquet or ORC there is nothing to infer: the Glue-style job merges the files' schemas instead. */
    void glueStyle(List<String> files, String inventoryDate, String configurationId, InventoryFileFormat format)
            throws Exception {
        Dataset<Row> read = format == InventoryFileFormat.CSV
                ? spark.read()
                        .option("inferSchema", "true")
                        .csv(files.toArray(String[]::new))
                        .toDF(FIELDS.stream().map(InventoryField::tableName).toArray(String[]::new))
                : spark.read()
                        .format(sparkFormat(format))
                        .option("mergeSchema", "true")
                        .load(files.toArray(String[]::new));
        Dataset<Row> inferred = read
                .withColumn("inventory_date", lit(inventoryDate).cast(DataTypes.DateType))
                .withColumn("inventory_configuration", lit(configurationId));
        if (spark.catalog().tableExists(GLUE_STYLE_TABLE)) {
            inferred.writeTo(GLUE_STYLE_TABLE).option("merge-schema", "true").append();
        } else {
            inferred.writeTo(GLUE_STYLE_TABLE)
                    .partitionedBy(col("bucket"), col("inventory_date"))
                    .tableProperty("write.spark.accept-any-schema", "true")
                    .create();
        }
    }

    /** Gunzip and parse with the explicit schema, nothing written: the floor any CSV load stands on. */
    void parseOnly(List<String> files) {
        parseOnly(files, InventoryFileFormat.CSV);
    }

    /** For Parquet and ORC: decode every column of every file, nothing written. */
    void parseOnly(List<String> files, InventoryFileFormat format) {
        Dataset<Row> rows = format == InventoryFileFormat.CSV
                ? spark.read().schema(csvSchema()).csv(files.toArray(String[]::new))
                : spark.read().format(sparkFormat(format)).load(files.toArray(String[]::new));
        rows.write()
                .format("noop")
                .mode("overwrite")
                .save();
    }

    static StructType csvSchema() {
        StructType schema = new StructType();
        for (InventoryField field : FIELDS) {
            schema = schema.add(field.sourceName(), field.type(), true);
        }
        return schema;
    }

    private static String sparkFormat(InventoryFileFormat format) {
        return format == InventoryFileFormat.PARQUET ? "parquet" : "orc";
    }

    long rowsIn(String table) {
        return spark.table(table).count();
    }
}
