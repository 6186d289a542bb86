package io.tidewater.loader.load;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tidewater.contract.ConstantColumn;
import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.ReaderOptions;
import io.tidewater.contract.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Schema;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Reads a job's files into a frame shaped like the target table, with the job's explicit schema: never inferred. */
final class SourceFrames {

    private SourceFrames() {}

    static Dataset<Row> read(SparkSession spark, LoadJob job, Schema tableSchema) {
        List<String> paths = job.files().stream().map(SourceFile::uri).toList();
        Dataset<Row> raw =
                switch (job.format()) {
                    case CSV -> csvReader(spark, job).csv(paths.toArray(String[]::new));
                    case PARQUET -> spark.read().parquet(paths.toArray(String[]::new));
                    case ORC -> spark.read().orc(paths.toArray(String[]::new));
                    case JSON -> spark.read().schema(fileSchema(job)).json(paths.toArray(String[]::new));
                };
        return alignToTable(mapColumns(raw, job), job, tableSchema);
    }

    private static DataFrameReader csvReader(SparkSession spark, LoadJob job) {
        ReaderOptions options = job.readerOptions();
        return spark.read()
                .schema(fileSchema(job))
                .option("header", options.header())
                .option("sep", String.valueOf(options.delimiter()))
                .option("quote", String.valueOf(options.quote()))
                .option("escape", String.valueOf(options.escape()))
                // A row that does not fit the schema fails the job rather than loading as NULLs.
                .option("mode", "FAILFAST");
    }

    /** The source columns by their names in the file, typed as the job says. */
    private static StructType fileSchema(LoadJob job) {
        List<StructField> fields = new ArrayList<>();
        for (LoadColumn column : job.columns()) {
            DataType type = SparkSchemaUtil.convert(JobSchema.type(job, column.name(), column.type()));
            fields.add(new StructField(column.sourceName(), type, true, Metadata.empty()));
        }
        return DataTypes.createStructType(fields);
    }

    /** Renames source columns to table names, applies null tokens and decoding, and adds the constant columns. */
    private static Dataset<Row> mapColumns(Dataset<Row> raw, LoadJob job) {
        Set<String> available = Set.of(raw.columns());
        Set<String> nullTokens = job.readerOptions() == null
                ? Set.of()
                : Set.copyOf(job.readerOptions().nullTokens());
        List<Column> columns = new ArrayList<>();
        for (LoadColumn column : job.columns()) {
            String source = available.contains(column.sourceName()) ? column.sourceName() : column.name();
            Column value = col("`" + source + "`");
            if ("string".equals(column.type())) {
                for (String token : nullTokens) {
                    value = when(value.equalTo(lit(token)), lit(null).cast("string"))
                            .otherwise(value);
                }
            }
            value = switch (column.transform()) {
                case NONE -> value;
                case URL_DECODE -> functions.url_decode(value);
            };
            columns.add(value.as(column.name()));
        }
        for (ConstantColumn constant : job.constantColumns()) {
            DataType type = SparkSchemaUtil.convert(JobSchema.type(job, constant.name(), constant.type()));
            columns.add(lit(constant.value()).cast(type).as(constant.name()));
        }
        return raw.select(columns.toArray(Column[]::new));
    }

    /** Every table column in table order: missing ones as typed NULLs, so a file without a column still loads. */
    private static Dataset<Row> alignToTable(Dataset<Row> frame, LoadJob job, Schema tableSchema) {
        Set<String> present =
                Set.of(frame.columns()).stream().map(String::toLowerCase).collect(Collectors.toSet());
        List<Column> columns = new ArrayList<>();
        for (Types.NestedField field : tableSchema.columns()) {
            DataType type = SparkSchemaUtil.convert(field.type());
            Column value = present.contains(field.name().toLowerCase())
                    ? col("`" + field.name() + "`").cast(type)
                    : lit(null).cast(type);
            columns.add(value.as(field.name()));
        }
        return frame.select(columns.toArray(Column[]::new));
    }
}
