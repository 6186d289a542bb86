package io.tidewater.loader.load;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_keys;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.LoadJob;
import java.util.List;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Type;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.MapType;

/**
 * Map columns in delimited text: CUR 2.0 and FOCUS CSV exports write a map cell as a JSON object, which is read as text
 * and parsed into the column's map. A cell that is not a JSON object makes its row malformed, never a silent NULL.
 */
final class JsonMapCells {

    private JsonMapCells() {}

    /** The job's columns whose type is a map. */
    static List<LoadColumn> columns(LoadJob job) {
        return job.columns().stream().filter(column -> isMap(job, column)).toList();
    }

    static boolean isMap(LoadJob job, LoadColumn column) {
        return JobSchema.type(job, column.name(), column.type()).isMapType();
    }

    static MapType sparkType(LoadJob job, LoadColumn column) {
        return (MapType) SparkSchemaUtil.convert(JobSchema.type(job, column.name(), column.type()));
    }

    /** The map a cell's JSON text holds; NULL for an empty cell and for JSON {@code null}. */
    static Column parse(Column text, MapType type) {
        return from_json(text, type);
    }

    /**
     * Whether a cell has text that does not parse as a JSON object of the map's type, or repeats a key (Spark would
     * keep both entries); the job's null tokens are NULL maps, not bad cells.
     */
    static Column isUnparsable(LoadJob job, LoadColumn column, Column text) {
        Column parsed = parse(text, sparkType(job, column));
        return hasText(job, text).and(parsed.isNull().or(hasRepeatedKeys(parsed)));
    }

    /** The reason a row is malformed when the cell of {@code column} does not parse; NULL when it does. */
    static Column problem(LoadJob job, LoadColumn column, Column text) {
        Type type = JobSchema.type(job, column.name(), column.type());
        Column parsed = parse(text, sparkType(job, column));
        Column prefix = lit("Cannot read field " + column.sourceName() + ": '");
        return when(
                        hasText(job, text).and(parsed.isNull()),
                        concat(prefix, text, lit("' is not a JSON object for " + type)))
                .when(hasText(job, text).and(hasRepeatedKeys(parsed)), concat(prefix, text, lit("' repeats a key")));
    }

    private static Column hasText(LoadJob job, Column text) {
        Column trimmed = trim(text);
        Column hasText = text.isNotNull()
                .and(trimmed.notEqual(lit("")))
                .and(lower(trimmed).notEqual(lit("null")));
        for (String token : job.readerOptions().nullTokens()) {
            hasText = hasText.and(text.notEqual(lit(token)));
        }
        return hasText;
    }

    private static Column hasRepeatedKeys(Column map) {
        return size(array_distinct(map_keys(map))).lt(size(map));
    }
}
