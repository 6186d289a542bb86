package io.tidewater.loader.load;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.tidewater.contract.ConstantColumn;
import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.ReaderOptions;
import io.tidewater.contract.SourceFile;
import io.tidewater.loader.config.LoaderProperties;
import io.tidewater.schema.evolution.EvolutionPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Schema;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Reads a job's files into rows shaped like the target table, with the job's explicit schema: never inferred. */
final class SourceFrames {

    private SourceFrames() {}

    /**
     * @param rescued top-level columns whose values go into {@code _rescued_data} as JSON instead of their column
     * @param maxMalformedRows how many malformed rows are explained and quarantined at most
     * @param limits what the files may hold
     */
    static SourceRows read(
            SparkSession spark,
            LoadJob job,
            Schema tableSchema,
            Set<String> rescued,
            long maxMalformedRows,
            LoaderProperties.Limits limits) {
        String[] paths = job.files().stream().map(SourceFile::uri).toArray(String[]::new);
        return switch (job.format()) {
            case CSV -> readDelimited(spark, job, tableSchema, rescued, paths, maxMalformedRows, limits);
            case PARQUET ->
                SourceRows.withoutMalformedRows(shape(spark.read().parquet(paths), job, tableSchema, rescued));
            case ORC -> SourceRows.withoutMalformedRows(shape(spark.read().orc(paths), job, tableSchema, rescued));
            case JSON ->
                SourceRows.withoutMalformedRows(
                        shape(spark.read().schema(fileSchema(job, false)).json(paths), job, tableSchema, rescued));
        };
    }

    /**
     * A row that does not fit the schema is kept aside, not failed and not loaded as NULLs: Spark keeps the raw text of
     * a row with a value that does not parse or with more or fewer fields than the schema; a map cell that is not a
     * JSON object is found after the read (see {@link JsonMapCells}).
     */
    private static SourceRows readDelimited(
            SparkSession spark,
            LoadJob job,
            Schema tableSchema,
            Set<String> rescued,
            String[] paths,
            long maxMalformedRows,
            LoaderProperties.Limits limits) {
        ReaderOptions options = job.readerOptions();
        StructType schema = fileSchema(job, true).add(MalformedRows.RAW_TEXT, DataTypes.StringType, true);
        DataFrameReader reader = spark.read();
        Optional<String> nullToken = typedNullToken(options);
        if (nullToken.isPresent()) {
            // Spark's reader takes one token: it then means null in every column, typed ones included, and an empty
            // field (the reader's default null) reads as it too. Text columns also honour the job's further tokens.
            reader = reader.option("nullValue", nullToken.get()).option("emptyValue", nullToken.get());
        }
        Dataset<Row> parsed = reader.schema(schema)
                .option("header", options.header())
                .option("sep", String.valueOf(options.delimiter()))
                .option("quote", String.valueOf(options.quote()))
                .option("escape", String.valueOf(options.escape()))
                .option("mode", "PERMISSIVE")
                .option("maxCharsPerColumn", limits.maxCharsPerColumn())
                .option("columnNameOfCorruptRecord", MalformedRows.RAW_TEXT)
                .csv(paths)
                .withColumn(MalformedRows.SOURCE_FILE, input_file_name());
        Observation observation = new Observation("tidewater-malformed-rows-" + job.jobId());
        Dataset<Row> observed = parsed.observe(
                observation,
                sum(when(MalformedRows.isMalformed(job), 1L).otherwise(0L)).as(SourceRows.BAD_ROWS_METRIC));
        Dataset<Row> good = shape(observed.filter(not(MalformedRows.isMalformed(job))), job, tableSchema, rescued);
        return new SourceRows(good, observation, () -> MalformedRows.explain(spark, job, parsed, maxMalformedRows));
    }

    /** The job's first null token besides the empty field: the one numbers, dates and booleans may hold. */
    static Optional<String> typedNullToken(ReaderOptions options) {
        return options.nullTokens().stream().filter(token -> !token.isEmpty()).findFirst();
    }

    /**
     * The source columns by their names in the file, typed as the job says.
     *
     * @param mapsAsText whether map columns are read as their text, as delimited text holds them
     */
    private static StructType fileSchema(LoadJob job, boolean mapsAsText) {
        List<StructField> fields = new ArrayList<>();
        for (LoadColumn column : job.columns()) {
            DataType type = mapsAsText && JsonMapCells.isMap(job, column)
                    ? DataTypes.StringType
                    : SparkSchemaUtil.convert(JobSchema.type(job, column.name(), column.type()));
            fields.add(new StructField(column.sourceName(), type, true, Metadata.empty()));
        }
        return DataTypes.createStructType(fields);
    }

    private static Dataset<Row> shape(Dataset<Row> raw, LoadJob job, Schema tableSchema, Set<String> rescued) {
        return alignToTable(mapColumns(raw, job, rescued), tableSchema);
    }

    /**
     * Renames source columns to table names, applies null tokens and decoding, parses map cells read as text, writes
     * nested values bound for a text column as JSON, adds the constant columns, and moves rescued columns into
     * {@code _rescued_data} as JSON so that no value is lost.
     */
    private static Dataset<Row> mapColumns(Dataset<Row> raw, LoadJob job, Set<String> rescued) {
        Set<String> available = Set.of(raw.columns());
        Set<String> nullTokens = job.readerOptions() == null
                ? Set.of()
                : Set.copyOf(job.readerOptions().nullTokens());
        List<Column> columns = new ArrayList<>();
        List<Column> rescuedValues = new ArrayList<>();
        for (LoadColumn column : job.columns()) {
            String source = available.contains(column.sourceName()) ? column.sourceName() : column.name();
            Column value = col("`" + source + "`");
            DataType sourceType = sourceType(raw, source);
            boolean mapFromText = sourceType instanceof StringType && JsonMapCells.isMap(job, column);
            if ("string".equals(column.type()) || mapFromText) {
                for (String token : nullTokens) {
                    value = when(value.equalTo(lit(token)), lit(null).cast("string"))
                            .otherwise(value);
                }
            }
            value = switch (column.transform()) {
                case NONE -> value;
                case URL_DECODE -> functions.url_decode(value);
            };
            if (mapFromText) {
                value = JsonMapCells.parse(value, JsonMapCells.sparkType(job, column));
            } else if ("string".equals(column.type()) && isNested(sourceType)) {
                // A map column of a table that holds it as text (JobSchema.keepingTextColumns): JSON, as CSV has it.
                value = to_json(value);
            }
            if (rescued.contains(column.name().toLowerCase(Locale.ROOT))) {
                rescuedValues.add(value.as(column.name()));
            } else {
                columns.add(value.as(column.name()));
            }
        }
        for (ConstantColumn constant : job.constantColumns()) {
            DataType type = SparkSchemaUtil.convert(JobSchema.type(job, constant.name(), constant.type()));
            columns.add(lit(constant.value()).cast(type).as(constant.name()));
        }
        if (!rescuedValues.isEmpty()) {
            columns.add(to_json(struct(rescuedValues.toArray(Column[]::new))).as(EvolutionPlan.RESCUED_DATA_COLUMN));
        }
        return raw.select(columns.toArray(Column[]::new));
    }

    private static DataType sourceType(Dataset<Row> raw, String source) {
        for (StructField field : raw.schema().fields()) {
            if (field.name().equalsIgnoreCase(source)) {
                return field.dataType();
            }
        }
        return null;
    }

    private static boolean isNested(DataType type) {
        return type instanceof MapType || type instanceof StructType || type instanceof ArrayType;
    }

    /** Every table column in table order: missing ones as typed NULLs, so a file without a column still loads. */
    private static Dataset<Row> alignToTable(Dataset<Row> frame, Schema tableSchema) {
        Set<String> present = Set.of(frame.columns()).stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        List<Column> columns = new ArrayList<>();
        for (Types.NestedField field : tableSchema.columns()) {
            DataType type = SparkSchemaUtil.convert(field.type());
            Column value = present.contains(field.name().toLowerCase(Locale.ROOT))
                    ? col("`" + field.name() + "`").cast(type)
                    : lit(null).cast(type);
            columns.add(value.as(field.name()));
        }
        return frame.select(columns.toArray(Column[]::new));
    }
}
