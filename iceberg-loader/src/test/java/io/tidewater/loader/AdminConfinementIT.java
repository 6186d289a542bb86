package io.tidewater.loader;

import static io.tidewater.loader.load.LocalLoader.column;
import static io.tidewater.loader.load.LocalLoader.csvJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.contract.LoadJob;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.SourceFile;
import io.tidewater.loader.load.InvalidLoadJobException;
import io.tidewater.loader.load.LocalLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the admin token reaches: tables of the configured catalogs through {@code POST /admin/sql}, and source files
 * in the configured buckets through loads; nothing else of the host. Every escape is refused with a 400 naming it, and
 * changes nothing.
 */
class AdminConfinementIT extends LoaderAdminApi {

    private static final String TABLE = "confinement.objects";
    private static final String HOST_FILE = "/etc/passwd";

    @BeforeAll
    static void givenATableWithThreeRows() {
        loader.runner.run(csvJob(
                TABLE,
                "confinement-1",
                "addNewColumns",
                List.of(column("id", "long"), column("owner", "string")),
                loader.csv("confinement.csv", "id,owner", "1,alice", "2,bob", "3,alice")));
    }

    Response sql(String statement) {
        return call("POST", "/admin/sql", statement, true, "text/plain");
    }

    private static long rows() {
        return loader.count("SELECT count(*) FROM tidewater." + TABLE);
    }

    @Nested
    class Sql {

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '"',
                textBlock =
                        """
                SELECT * FROM text.`file:///etc/passwd`                        | it reads the path file:///etc/passwd; only tables of the catalogs [tidewater, archive] can be read
                SELECT * FROM csv.`file:///etc/passwd`                         | it reads the path file:///etc/passwd
                SELECT * FROM parquet.`s3://another-bucket/data.parquet`       | it reads the path s3://another-bucket/data.parquet
                SELECT * FROM json.`relative/secrets.json`                     | it reads the path relative/secrets.json
                SELECT * FROM confinement.objects WHERE id IN (SELECT 1 FROM csv.`file:///etc/passwd`) | it reads the path file:///etc/passwd
                SELECT (SELECT count(*) FROM text.`file:///etc/passwd`)        | it reads the path file:///etc/passwd
                WITH p AS (SELECT * FROM text.`file:///etc/passwd`) SELECT * FROM p | it reads the path file:///etc/passwd
                EXPLAIN SELECT * FROM text.`file:///etc/passwd`                | it reads the path file:///etc/passwd
                SELECT * FROM spark_catalog.default.anything                   | it reads spark_catalog.default.anything of catalog spark_catalog
                SELECT reflect('java.lang.System', 'getProperty', 'user.home') | function reflect reaches the JVM
                SELECT java_method('java.lang.System', 'getenv', 'HOME')       | function java_method reaches the JVM
                SELECT try_reflect('java.lang.System', 'getProperty', 'user.home') | function try_reflect reaches the JVM
                SELECT builtin.reflect('java.lang.System', 'getProperty', 'user.home') | function reflect reaches the JVM
                SELECT id FROM confinement.objects WHERE owner IN (SELECT reflect('java.lang.System', 'getProperty', 'user.home')) | function reflect reaches the JVM
                VALUES (java_method('java.lang.System', 'getenv', 'HOME'))     | function java_method reaches the JVM
                SELECT IDENTIFIER('reflect')('java.lang.System', 'getProperty', 'user.home') | IDENTIFIER(...) names a function only at analysis
                SELECT xpath_string('<a>b</a>', 'a')                           | function xpath_string parses XML
                SELECT no_such_udf(id) FROM confinement.objects                | function no_such_udf is not one of Spark's built-in functions
                SELECT * FROM read_files('file:///etc/passwd')                 | table function read_files is not one of [range]
                SELECT * FROM explode(array(1, 2))                             | table function explode is not one of [range]
                WITH t AS (SELECT * FROM confinement.objects) INSERT INTO confinement.objects SELECT * FROM t | InsertIntoStatement is not a query
                INSERT INTO confinement.objects VALUES (4, 'mallory')          | InsertIntoStatement is not a query
                EXPLAIN INSERT INTO confinement.objects VALUES (4, 'mallory')  | InsertIntoStatement is not a query
                INSERT OVERWRITE DIRECTORY '/tmp/tidewater-exfiltrated' SELECT * FROM confinement.objects | InsertIntoDir is not a query
                DELETE FROM confinement.objects WHERE id = 1                   | DeleteFromTable is not a query
                UPDATE confinement.objects SET owner = 'mallory'               | UpdateTable is not a query
                MERGE INTO confinement.objects t USING confinement.objects s ON t.id = s.id WHEN MATCHED THEN DELETE | MergeIntoTable is not a query
                DROP TABLE confinement.objects                                 | DropTable is not a query
                CREATE TABLE confinement.copy AS SELECT * FROM confinement.objects | CreateTableAsSelect is not a query
                CREATE TEMPORARY VIEW v USING csv OPTIONS (path 'file:///etc/passwd') | CreateTempViewUsing is not a query
                CREATE VIEW confinement.v AS SELECT 1                          | is not a query
                ADD JAR /tmp/tidewater-evil.jar                                | AddJarsCommand is not a query
                CALL tidewater.system.expire_snapshots(table => 'confinement.objects') | Call is not a query
                ALTER TABLE confinement.objects CREATE BRANCH evil             | CreateOrReplaceBranch is not a query
                LOAD DATA LOCAL INPATH '/etc/passwd' INTO TABLE confinement.objects | LoadData is not a query
                CACHE TABLE confinement.objects                                | CacheTable is not a query
                REFRESH TABLE confinement.objects                              | RefreshTable is not a query
                SET spark.sql.runSQLOnFiles=true                               | SetCommand is not a query
                RESET                                                          | ResetCommand is not a query
                USE archive                                                    | SetCatalogAndNamespace is not a query
                DECLARE secret STRING                                          | CreateVariable is not a query
                EXECUTE IMMEDIATE 'DROP TABLE confinement.objects'             | UnresolvedExecuteImmediate is not a query
                DESCRIBE QUERY SELECT reflect('java.lang.System', 'getProperty', 'user.home') | DescribeQueryCommand is not a query
                """)
        void anEscapeIsRefusedWithA400NamingItAndChangesNothing(String statement, String refusal) {
            long before = rows();

            Response response = sql(statement);

            assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
            assertThat(response.body().path("error").asText())
                    .startsWith("Cannot run query: ")
                    .contains(refusal);
            assertThat(rows()).isEqualTo(before).isEqualTo(3);
            assertThat(loader.spark.catalog().tableExists("tidewater.confinement.copy"))
                    .isFalse();
        }

        @Test
        void everyRefusalOfOneStatementIsNamedAtOnce() {
            Response response = sql("SELECT reflect('java.lang.System', 'getProperty', 'user.home')"
                    + " FROM csv.`file:///etc/passwd`");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().path("error").asText())
                    .isEqualTo(
                            "Cannot run query: function reflect reaches the JVM; it reads the path file:///etc/passwd;"
                                    + " only tables of the catalogs [tidewater, archive] can be read");
        }

        @Test
        void queriesOverCatalogTablesStillAnswer() {
            Response joined = sql("SELECT a.owner, count(*) AS n FROM confinement.objects a JOIN confinement.objects b"
                    + " ON a.id = b.id GROUP BY a.owner ORDER BY a.owner");
            Response withCte = sql("WITH alices AS (SELECT id FROM tidewater.confinement.objects WHERE owner = 'alice')"
                    + " SELECT sum(id) FROM alices WHERE id IN (SELECT id FROM confinement.objects)");
            Response metadata = sql("SELECT count(*) FROM confinement.objects.snapshots");
            Response numbers = sql("SELECT count(*) FROM range(5)");

            assertThat(joined.status()).as("%s", joined.body()).isEqualTo(200);
            assertThat(joined.body().path("rows").toString()).isEqualTo("[[\"alice\",2],[\"bob\",1]]");
            assertThat(withCte.status()).as("%s", withCte.body()).isEqualTo(200);
            assertThat(withCte.body().path("rows").toString()).isEqualTo("[[4]]");
            assertThat(metadata.status()).as("%s", metadata.body()).isEqualTo(200);
            assertThat(metadata.body().path("rows").get(0).get(0).asLong()).isPositive();
            assertThat(numbers.body().path("rows").toString()).isEqualTo("[[5]]");
        }

        @Test
        void showAndDescribeOfTheCatalogsTablesStillAnswer() {
            Response tables = sql("SHOW TABLES IN confinement");
            Response namespaces = sql("SHOW NAMESPACES");
            Response described = sql("DESCRIBE TABLE confinement.objects");
            Response created = sql("SHOW CREATE TABLE confinement.objects");
            Response explained = sql("EXPLAIN SELECT count(*) FROM confinement.objects");

            assertThat(tables.status()).as("%s", tables.body()).isEqualTo(200);
            assertThat(tables.body().path("rows").toString()).contains("\"objects\"");
            assertThat(namespaces.body().path("rows").toString()).contains("\"confinement\"");
            assertThat(described.status()).as("%s", described.body()).isEqualTo(200);
            assertThat(described.body().path("rows").get(0).get(0).asText()).isEqualTo("id");
            assertThat(created.body().path("rows").get(0).get(0).asText())
                    .contains("CREATE TABLE tidewater.confinement.objects");
            assertThat(explained.status()).as("%s", explained.body()).isEqualTo(200);
            assertThat(explained.body().path("rows").get(0).get(0).asText()).contains("Physical Plan");
        }

        @Test
        void showOrDescribeOfAnotherCatalogIsRefused() {
            Response response = sql("SHOW NAMESPACES IN spark_catalog");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().path("error").asText())
                    .isEqualTo("Cannot run query: it reads ResolvedNamespace of catalog spark_catalog; only tables of"
                            + " the catalogs [tidewater, archive] can be read");
        }
    }

    @Nested
    class Loads {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "file:///etc/passwd",
                    "/etc/passwd",
                    "relative/data.csv",
                    "hdfs://namenode:8020/data.csv",
                    "http://169.254.169.254/latest/meta-data/",
                    "s3://another-bucket/report.csv",
                    "s3a://another-bucket/report.csv"
                })
        void aStaticLoadOutsideTheSourceLocationsIsRefusedWith400AndCreatesNoTable(String uri) {
            Response response = post(
                    "/admin/tables/confinement_refused.by_uri/loads",
                    "{\"uri\": \"%s\", \"format\": \"CSV\"}".formatted(uri));

            assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
            assertThat(response.body().path("detail").asText())
                    .startsWith("Cannot load into confinement_refused.by_uri: " + uri + " ")
                    .endsWith("only s3:// and s3a:// objects in the buckets [" + LocalLoader.SOURCE_BUCKET
                            + "] can be loaded, and files under " + loader.directory.resolve("sources"));
            assertThat(loader.spark.catalog().tableExists("tidewater.confinement_refused.by_uri"))
                    .isFalse();
        }

        @Test
        void aStaticLoadOfAHostFileIsRefusedAsOutsideTheLocalSourceDirectory() {
            Response response = post(
                    "/admin/tables/confinement_refused.host/loads",
                    "{\"uri\": \"file://" + HOST_FILE + "\", \"format\": \"CSV\"}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().path("detail").asText())
                    .startsWith("Cannot load into confinement_refused.host: file:///etc/passwd is outside the local"
                            + " source directory " + loader.directory.resolve("sources"));
            assertThat(loader.spark.catalog().tableExists("tidewater.confinement_refused.host"))
                    .isFalse();
        }

        @Test
        void aSubmittedJobWithAFileOutsideTheSourceLocationsIsRefusedWith400AndNotQueued() throws Exception {
            LoadJob job = withFiles(
                    csvJob(
                            "confinement_refused.submitted",
                            "confinement-submitted",
                            "addNewColumns",
                            List.of(column("id", "long")),
                            loader.csv("confinement-submitted.csv", "id", "1")),
                    "file://" + HOST_FILE,
                    "s3://another-bucket/report.csv");

            Response response = post("/admin/jobs", MessageJson.write(job));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().path("detail").asText())
                    .startsWith("Cannot load into confinement_refused.submitted: ")
                    .contains("file:///etc/passwd is outside the local source directory")
                    .contains("s3://another-bucket/report.csv is in bucket another-bucket");
            assertThat(get("/admin/jobs/" + job.jobId()).status()).isEqualTo(404);
            assertThat(loader.spark.catalog().tableExists("tidewater.confinement_refused.submitted"))
                    .isFalse();
        }

        @Test
        void theRunnerRefusesAQueueJobWithAHostFileAsInvalidBeforeReadingIt() {
            LoadJob job = withFiles(
                    csvJob(
                            "confinement_refused.queued",
                            "confinement-queued",
                            "addNewColumns",
                            List.of(column("id", "long")),
                            loader.csv("confinement-queued.csv", "id", "1")),
                    "file://" + HOST_FILE);

            assertThatThrownBy(() -> loader.runner.run(job))
                    .isInstanceOf(InvalidLoadJobException.class)
                    .hasMessage("Cannot load into confinement_refused.queued: file:///etc/passwd is outside the local"
                            + " source directory " + loader.directory.resolve("sources")
                            + "; only s3:// and s3a:// objects in the buckets [" + LocalLoader.SOURCE_BUCKET
                            + "] can be loaded, and files under " + loader.directory.resolve("sources"));
            assertThat(loader.spark.catalog().tableExists("tidewater.confinement_refused.queued"))
                    .isFalse();
        }

        @Test
        void aFileOutsideTheLocalSourceDirectoryThroughDotDotIsRefused() throws Exception {
            Path outside = Files.writeString(loader.directory.resolve("outside.csv"), "id\n1\n");
            String uri = loader.directory.resolve("sources").toUri() + "../outside.csv";

            Response response = post(
                    "/admin/tables/confinement_refused.dotdot/loads",
                    "{\"uri\": \"%s\", \"format\": \"CSV\"}".formatted(uri));

            assertThat(Files.exists(outside)).isTrue();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().path("detail").asText())
                    .contains(uri + " is outside the local source directory");
        }
    }

    private static LoadJob withFiles(LoadJob job, String... uris) {
        List<SourceFile> files = new ArrayList<>();
        for (String uri : uris) {
            files.add(new SourceFile(uri, 1, null));
        }
        return job.withFiles(files);
    }
}
