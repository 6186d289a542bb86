package io.tidewater.loader.sql;

import io.tidewater.loader.config.LoaderProperties;
import org.apache.spark.sql.SparkSession;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /admin/sql}: a read-only query through the warm Spark session, as {@code ./tidewater sql} uses it. */
@RestController
@RequestMapping("/admin/sql")
class SqlController {

    private static final int MAX_ROWS = 10_000;

    private final ReadOnlySql sql;

    SqlController(SparkSession spark, LoaderProperties properties) {
        this.sql = new ReadOnlySql(spark, properties.allCatalogs().keySet(), MAX_ROWS);
    }

    @PostMapping(consumes = "text/plain", produces = "application/json")
    QueryResult query(@RequestBody String query) {
        return sql.run(query);
    }

    /** The message says what is wrong with the query; a query error is the caller's to fix. */
    record QueryError(String error) {}

    @ExceptionHandler({IllegalArgumentException.class, org.apache.spark.sql.AnalysisException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    QueryError rejected(Exception e) {
        return new QueryError(e.getMessage());
    }
}
