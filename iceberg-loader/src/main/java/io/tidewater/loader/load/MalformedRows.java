package io.tidewater.loader.load;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.ReaderOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Explains the rows of a delimited file that did not fit the job's schema: which line of which file, the raw text,
 * and the first field that did not parse, by name and value.
 */
final class MalformedRows {

    /** Spark keeps the raw text of a row it cannot parse in this column. */
    static final String RAW_TEXT = "_tidewater_raw_text";

    static final String SOURCE_FILE = "_tidewater_source_file";

    private MalformedRows() {}

    /** Rows Spark could not parse, and rows with a map cell that is not a JSON object. */
    static Column isMalformed(LoadJob job) {
        Column malformed = col(RAW_TEXT).isNotNull();
        for (LoadColumn column : JsonMapCells.columns(job)) {
            malformed = malformed.or(JsonMapCells.isUnparsable(job, column, col("`" + column.sourceName() + "`")));
        }
        return malformed;
    }

    /**
     * The malformed rows of {@code parsed} as quarantine rows: source_file, line_number, raw_text, reason.
     *
     * @param parsed the files read with the job's schema plus {@link #RAW_TEXT} and {@link #SOURCE_FILE}
     */
    static Dataset<Row> explain(SparkSession spark, LoadJob job, Dataset<Row> parsed, long limit) {
        // Spark converts, and so finds bad values in, only the columns a query reads; and it refuses a query that reads
        // the raw-text column alone. So every column is read (and collected: at most the limit of rows).
        List<Row> bad = parsed.filter(isMalformed(job))
                .withColumnRenamed(SOURCE_FILE, "source_file")
                .withColumnRenamed(RAW_TEXT, "raw_text")
                .limit((int) Math.min(limit, Integer.MAX_VALUE))
                .collectAsList();
        List<Integer> textPositions = new ArrayList<>();
        for (int index = 0; index < job.columns().size(); index++) {
            LoadColumn column = job.columns().get(index);
            if ("string".equals(column.type()) || JsonMapCells.isMap(job, column)) {
                textPositions.add(index);
            }
        }
        Map<String, Map<List<String>, String>> linesByCells = new HashMap<>();
        Dataset<Row> lines = numberedLines(spark, job, bad, textPositions, linesByCells);
        List<Row> texts = new ArrayList<>();
        for (Row row : bad) {
            String file = row.getAs("source_file");
            String text = row.getAs("raw_text");
            if (text == null) {
                text = linesByCells.getOrDefault(file, Map.of()).get(cellTexts(job, row, textPositions));
            }
            texts.add(RowFactory.create(file, text));
        }
        Dataset<Row> reasons = reasons(
                spark,
                job,
                spark.createDataFrame(
                        texts,
                        DataTypes.createStructType(List.of(
                                DataTypes.createStructField("source_file", DataTypes.StringType, false),
                                DataTypes.createStructField("raw_text", DataTypes.StringType, true)))));
        Seq<String> joinColumns =
                CollectionConverters.asScala(List.of("source_file", "raw_text")).toSeq();
        return reasons.join(lines, joinColumns, "left")
                .select("source_file", "line_number", "raw_text", "reason")
                .distinct();
    }

    /**
     * The lines of the bad rows with their numbers, in one pass over each file that has any. Spark keeps the raw text
     * of a row it could not parse, which finds its line; it keeps none of a row it could parse but whose map cell is not
     * a JSON object, whose line is found by the text of its string and map cells (put in {@code linesByCells}).
     */
    private static Dataset<Row> numberedLines(
            SparkSession spark,
            LoadJob job,
            List<Row> bad,
            List<Integer> textPositions,
            Map<String, Map<List<String>, String>> linesByCells) {
        Map<String, Set<String>> texts = new LinkedHashMap<>();
        Map<String, Set<List<String>>> cells = new LinkedHashMap<>();
        for (Row row : bad) {
            String file = row.getAs("source_file");
            String text = row.getAs("raw_text");
            texts.computeIfAbsent(file, ignored -> new HashSet<>());
            cells.computeIfAbsent(file, ignored -> new HashSet<>());
            if (text != null) {
                texts.get(file).add(text);
            } else {
                cells.get(file).add(cellTexts(job, row, textPositions));
            }
        }
        CSVFormat dialect = dialect(job.readerOptions());
        int[] positions = textPositions.stream().mapToInt(Integer::intValue).toArray();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Row> numbered = new ArrayList<>();
        for (String file : texts.keySet()) {
            Set<String> wantedTexts = texts.get(file);
            Set<List<String>> wantedCells = cells.get(file);
            JavaPairRDD<String, Long> lines = context.textFile(file).zipWithIndex();
            for (Tuple2<String, Long> line : lines.filter(pair -> wantedTexts.contains(pair._1())
                            || (!wantedCells.isEmpty()
                                    && wantedCells.contains(cellTexts(dialect, pair._1(), positions))))
                    .collect()) {
                numbered.add(RowFactory.create(file, line._1(), line._2() + 1));
                if (!wantedCells.isEmpty()) {
                    linesByCells
                            .computeIfAbsent(file, ignored -> new HashMap<>())
                            .putIfAbsent(cellTexts(dialect, line._1(), positions), line._1());
                }
            }
        }
        return spark.createDataFrame(
                numbered,
                DataTypes.createStructType(List.of(
                        DataTypes.createStructField("source_file", DataTypes.StringType, false),
                        DataTypes.createStructField("raw_text", DataTypes.StringType, true),
                        DataTypes.createStructField("line_number", DataTypes.LongType, false))));
    }

    /** The cells at {@code positions} of a parsed row; an empty cell, which Spark reads as NULL, is empty text. */
    private static List<String> cellTexts(LoadJob job, Row row, List<Integer> positions) {
        List<String> cells = new ArrayList<>(positions.size());
        for (int position : positions) {
            Object value = row.getAs(job.columns().get(position).sourceName());
            cells.add(value == null ? "" : value.toString());
        }
        return cells;
    }

    /** The cells at {@code positions} of a line; NULL when it is not one record. */
    private static List<String> cellTexts(CSVFormat dialect, String line, int[] positions) {
        try (CSVParser parser = CSVParser.parse(line, dialect)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                return null;
            }
            CSVRecord record = records.get(0);
            List<String> cells = new ArrayList<>(positions.length);
            for (int position : positions) {
                cells.add(position < record.size() ? record.get(position) : "");
            }
            return cells;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    private static CSVFormat dialect(ReaderOptions options) {
        return CSVFormat.DEFAULT
                .builder()
                .setDelimiter(options.delimiter())
                .setQuote(options.quote())
                .setEscape(options.escape() == options.quote() ? null : options.escape())
                .get();
    }

    /**
     * Splits each bad line with the job's dialect: a wrong field count is the reason, or else the first field whose
     * value does not convert to its column's type, by name and value.
     */
    private static Dataset<Row> reasons(SparkSession spark, LoadJob job, Dataset<Row> bad) {
        CSVFormat dialect = dialect(job.readerOptions());
        List<Row> rows = bad.collectAsList();
        List<String> fieldCountProblems = new ArrayList<>();
        for (Row row : rows) {
            fieldCountProblems.add(
                    fieldCountProblem(dialect, row.getString(1), job.columns().size()));
        }
        List<String> typeProblems = typeProblems(
                spark, job, rows.stream().map(row -> row.getString(1)).toList());
        List<Row> explained = new ArrayList<>();
        for (int index = 0; index < rows.size(); index++) {
            String reason = fieldCountProblems.get(index) != null
                    ? fieldCountProblems.get(index)
                    : typeProblems.get(index) != null
                            ? typeProblems.get(index)
                            : "Cannot read row: it does not parse as the report's columns";
            explained.add(RowFactory.create(
                    rows.get(index).getString(0), rows.get(index).getString(1), reason));
        }
        return spark.createDataFrame(
                explained,
                DataTypes.createStructType(List.of(
                        DataTypes.createStructField("source_file", DataTypes.StringType, false),
                        DataTypes.createStructField("raw_text", DataTypes.StringType, true),
                        DataTypes.createStructField("reason", DataTypes.StringType, false))));
    }

    private static String fieldCountProblem(CSVFormat dialect, String line, int columns) {
        if (line == null) {
            return "Cannot read row: Spark kept no text of it";
        }
        try (CSVParser parser = CSVParser.parse(line, dialect)) {
            List<CSVRecord> records = parser.getRecords();
            int fields = records.isEmpty() ? 0 : records.get(0).size();
            if (fields > columns) {
                return "Cannot read row: it has %d fields, more than the %d columns of the report"
                        .formatted(fields, columns);
            }
            if (fields < columns) {
                return "Cannot read row: it has %d fields, fewer than the %d columns of the report"
                        .formatted(fields, columns);
            }
            return null;
        } catch (IOException | UncheckedIOException e) {
            return "Cannot read row: " + e.getMessage();
        }
    }

    /** Reads the lines again with every field as text and names the first value that does not convert. */
    private static List<String> typeProblems(SparkSession spark, LoadJob job, List<String> lines) {
        ReaderOptions options = job.readerOptions();
        List<StructField> fields = new ArrayList<>();
        for (LoadColumn column : job.columns()) {
            fields.add(DataTypes.createStructField(column.sourceName(), DataTypes.StringType, true));
        }
        Dataset<Row> asText = spark.read()
                .schema(DataTypes.createStructType(fields))
                .option("sep", String.valueOf(options.delimiter()))
                .option("quote", String.valueOf(options.quote()))
                .option("escape", String.valueOf(options.escape()))
                .csv(spark.createDataset(lines, Encoders.STRING()));
        List<Column> problems = new ArrayList<>();
        for (LoadColumn column : job.columns()) {
            if ("string".equals(column.type())) {
                continue;
            }
            Column value = col("`" + column.sourceName() + "`");
            if (JsonMapCells.isMap(job, column)) {
                problems.add(JsonMapCells.problem(job, column, value));
                continue;
            }
            String type = JobSchema.type(job, column.name(), column.type()).toString();
            problems.add(when(
                    value.isNotNull()
                            .and(value.notEqual(lit("")))
                            .and(value.try_cast(sparkType(job, column)).isNull()),
                    concat(lit("Cannot read field " + column.sourceName() + ": '"), value, lit("' is not a " + type))));
        }
        problems.add(lit(null).cast(DataTypes.StringType));
        return asText.select(coalesce(problems.toArray(Column[]::new)))
                .as(Encoders.STRING())
                .collectAsList();
    }

    private static org.apache.spark.sql.types.DataType sparkType(LoadJob job, LoadColumn column) {
        return org.apache.iceberg.spark.SparkSchemaUtil.convert(JobSchema.type(job, column.name(), column.type()));
    }
}
