package io.tidewater.loader.load;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidewater.contract.InvalidMessageException;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.MessageJson;
import io.tidewater.loader.config.LoaderProperties;
import io.tidewater.loader.maintenance.TableLocks;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.SparkSession;

/**
 * One load job as a Spark application, for backfills and managed Spark (EMR, Glue): {@code spark-submit --class
 * io.tidewater.loader.load.LoadJobSubmission iceberg-loader.jar <job.json | - | s3://bucket/job.json>}. It runs the
 * service's job code on the session spark-submit gives ({@code SparkSession.builder().getOrCreate()}), with the
 * Iceberg catalog configured as Spark configures one ({@code --conf spark.sql.catalog.<name>.*}) or from a properties
 * file of Iceberg catalog properties, prints the {@link LoadResult} as JSON on standard output and exits with
 * {@link #LOADED}, {@link #RETRYABLE_FAILURE} or {@link #INVALID_INPUT}.
 */
public final class LoadJobSubmission {

    /** The rows are in the table, or were already. */
    public static final int LOADED = 0;

    /** The job failed for a reason that may pass (an unreachable store, a lost commit race): submit it again. */
    public static final int RETRYABLE_FAILURE = 1;

    /** The job, its files or the arguments are wrong: submitting the same again cannot succeed. */
    public static final int INVALID_INPUT = 2;

    static final String USAGE = "Usage: spark-submit --class " + LoadJobSubmission.class.getName()
            + " iceberg-loader.jar <job.json | - | s3://bucket/job.json> [--catalog <name>]"
            + " [--catalog-properties <file>] [--max-malformed-rows <n>]";

    private static final String DEFAULT_CATALOG = "tidewater";
    private static final long DEFAULT_MAX_MALFORMED_ROWS = 100_000;

    private LoadJobSubmission() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** What {@link #main} does, without leaving the JVM: the exit status. */
    static int run(String[] args, InputStream standardInput, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return INVALID_INPUT;
        }
        SparkSession spark = SparkSession.builder().getOrCreate();
        LoadJob job;
        try {
            configureCatalog(spark, arguments);
            job = MessageJson.read(readJob(spark, arguments.job(), standardInput), LoadJob.class);
        } catch (InvalidMessageException | IllegalArgumentException | UncheckedIOException e) {
            err.println("Cannot submit load job " + arguments.job() + ": " + e.getMessage());
            return INVALID_INPUT;
        }
        try {
            LoadJobRunner runner = runner(spark, arguments);
            LoadResult.LoadCompleted completed = runner.run(job);
            out.println(MessageJson.write(completed));
            return LOADED;
        } catch (InvalidLoadJobException invalid) {
            out.println(MessageJson.write(
                    new LoadResult.LoadFailed(job.jobId(), job.runId(), job.table(), invalid.getMessage(), false)));
            err.println(invalid.getMessage());
            return INVALID_INPUT;
        } catch (Exception e) {
            // Spark's Scala code throws checked exceptions Java cannot name: anything else may pass.
            String reason = e instanceof RetryableLoadException
                    ? e.getMessage()
                    : "Cannot load job %s into %s: %s".formatted(job.jobId(), job.table(), e);
            out.println(
                    MessageJson.write(new LoadResult.LoadFailed(job.jobId(), job.runId(), job.table(), reason, true)));
            err.println(reason);
            e.printStackTrace(err);
            return RETRYABLE_FAILURE;
        }
    }

    /**
     * Registers the catalog from the properties file, if one is given, on the running session. Job sessions copy it
     * (see {@link JobSession}); a catalog the session has already opened keeps its settings.
     */
    private static void configureCatalog(SparkSession spark, Arguments arguments) {
        String prefix = "spark.sql.catalog." + arguments.catalog();
        if (arguments.catalogProperties() != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(arguments.catalogProperties(), StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot read catalog properties " + arguments.catalogProperties() + ": " + e.getMessage(), e);
            }
            if (!spark.conf().contains(prefix)) {
                spark.conf().set(prefix, SparkCatalog.class.getName());
            }
            properties.stringPropertyNames().forEach(key -> spark.conf()
                    .set(prefix + "." + key, properties.getProperty(key)));
        }
        String implementation = spark.conf().get(prefix, null);
        if (!SparkCatalog.class.getName().equals(implementation)) {
            throw new IllegalArgumentException(
                    "catalog '%s' is not an Iceberg catalog (%s=%s): set %s=%s and its %s.* properties, or pass --catalog-properties"
                            .formatted(
                                    arguments.catalog(),
                                    prefix,
                                    implementation,
                                    prefix,
                                    SparkCatalog.class.getName(),
                                    prefix));
        }
        // Jobs are written for the service's session, whose time zone is UTC.
        spark.conf().set("spark.sql.session.timeZone", "UTC");
    }

    private static LoadJobRunner runner(SparkSession spark, Arguments arguments) {
        SparkCatalog catalog =
                (SparkCatalog) spark.sessionState().catalogManager().catalog(arguments.catalog());
        IcebergTables tables = new IcebergTables(catalog.icebergCatalog());
        return new LoadJobRunner(
                spark,
                tables,
                new QuarantineTables(tables),
                new SimpleMeterRegistry(),
                arguments.catalog(),
                arguments.maxMalformedRows(),
                LoaderProperties.Limits.DEFAULTS,
                List.of(),
                SourceLocations.unconfined(),
                new TableLocks());
    }

    /** The job's JSON from standard input ({@code -}), a URI any Hadoop file system of the session reads, or a file. */
    private static String readJob(SparkSession spark, String location, InputStream standardInput) {
        try {
            if (location.equals("-")) {
                return new String(standardInput.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (location.contains("://")) {
                org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
                try (FSDataInputStream in = path.getFileSystem(
                                spark.sparkContext().hadoopConfiguration())
                        .open(path)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(location));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the job: " + e, e);
        }
    }

    /** The command line: the job's location, then options. */
    record Arguments(String job, String catalog, Path catalogProperties, long maxMalformedRows) {

        static Arguments parse(String[] args) {
            String job = null;
            String catalog = DEFAULT_CATALOG;
            Path catalogProperties = null;
            long maxMalformedRows = DEFAULT_MAX_MALFORMED_ROWS;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--catalog" -> catalog = value(args, ++i, "--catalog");
                    case "--catalog-properties" ->
                        catalogProperties = Path.of(value(args, ++i, "--catalog-properties"));
                    case "--max-malformed-rows" ->
                        maxMalformedRows = positive(value(args, ++i, "--max-malformed-rows"));
                    default -> {
                        if (job != null || (args[i].startsWith("--"))) {
                            throw new IllegalArgumentException(
                                    "Cannot submit load job: unexpected argument '%s'".formatted(args[i]));
                        }
                        job = args[i];
                    }
                }
            }
            if (job == null) {
                throw new IllegalArgumentException("Cannot submit load job: no job given");
            }
            return new Arguments(job, catalog, catalogProperties, maxMalformedRows);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException("Cannot submit load job: " + option + " needs a value");
            }
            return args[index];
        }

        private static long positive(String value) {
            try {
                long parsed = Long.parseLong(value);
                if (parsed > 0) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below with the value
            }
            throw new IllegalArgumentException(
                    "Cannot submit load job: --max-malformed-rows must be a positive number, not '%s'"
                            .formatted(value));
        }
    }
}
