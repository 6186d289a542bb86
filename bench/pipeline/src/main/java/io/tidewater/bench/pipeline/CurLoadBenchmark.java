package io.tidewater.bench.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.tidewater.schema.naming.ColumnNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code bench/run cur}: a wide legacy CUR month (129 columns) through Tidewater's billing pipeline (manifest →
 * workflow-trigger → billing-service → iceberg-loader, replacing the month in {@code billing.cur}) against a plain
 * Spark job that reads the same file with the manifest's types and overwrites the month, and a parse-only floor, in
 * one JVM, interleaved round by round.
 */
@Command(name = "cur", mixinStandardHelpOptions = true, description = "A wide legacy CUR against same-run baselines.")
final class CurLoadBenchmark implements Callable<Integer> {

    enum Variant {
        TIDEWATER,
        PLAIN_SPARK,
        PARSE_ONLY
    }

    record Run(int round, boolean warmUp, Variant variant, double seconds) {}

    record CurResult(
            long rows,
            int columns,
            long compressedBytes,
            int warmUps,
            int repetitions,
            long stackStartMillis,
            double generateSeconds,
            Map<Variant, Double> medianSeconds,
            double ratioVsPlainSpark,
            List<Run> runs) {}

    private static final String BUCKET = "tidewater-billing";
    private static final String REPORT = "bench-wide";
    private static final TableIdentifier CUR_TABLE = TableIdentifier.of("billing", "cur");
    private static final String PLAIN_TABLE = "bench.plain_spark_cur";
    private static final YearMonth MONTH = YearMonth.of(2026, 1);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    @Option(names = "--rows", defaultValue = "100000", description = "Line items (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--repetitions", defaultValue = "3", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--warm-ups", defaultValue = "1", description = "Unmeasured rounds (default: ${DEFAULT-VALUE}).")
    int warmUps;

    @Option(names = "--timeout", defaultValue = "600", description = "Seconds to wait for one Tidewater load.")
    long timeoutSeconds;

    @Option(names = "--work", required = true)
    Path work;

    @Option(names = "--results", required = true)
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CurLoadBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try (BenchStack bench = BenchStack.start(work.resolve("stack"))) {
            System.out.printf("Stack and services up in %,d ms%n", bench.startMillis());
            long generating = System.nanoTime();
            Path directory = Files.createDirectories(work.resolve("report"));
            WideCurReport.Generated report =
                    WideCurReport.write(directory.resolve(REPORT + "-1.csv.gz"), MONTH, rows, 11);
            String periodFolder = "cur/%s/%s-%s/"
                    .formatted(REPORT, DAY.format(MONTH.atDay(1)), DAY.format(MONTH.plusMonths(1).atDay(1)));
            String sourceKey = "bench-source/" + REPORT + "-1.csv.gz";
            bench.s3().putObject(request -> request.bucket(BUCKET).key(sourceKey), RequestBody.fromFile(report.file()));
            double generateSeconds = secondsSince(generating);
            System.out.printf(
                    "Report: %,d line items, %d columns, %,d bytes compressed (generated and uploaded in %.1f s)%n",
                    report.rows(), WideCurReport.COLUMNS.size(), report.bytes(), generateSeconds);

            SparkSession spark = bench.spark().newSession();
            spark.sql("CREATE NAMESPACE IF NOT EXISTS bench");
            List<Run> runs = new ArrayList<>();
            Variant[] variants = Variant.values();
            for (int round = 0; round < warmUps + repetitions; round++) {
                boolean warmUp = round < warmUps;
                for (int slot = 0; slot < variants.length; slot++) {
                    Variant variant = variants[(round + slot) % variants.length];
                    double seconds = switch (variant) {
                        case TIDEWATER -> throughTidewater(bench, round, periodFolder, sourceKey);
                        case PLAIN_SPARK -> timed(() -> plainSpark(spark, "s3://" + BUCKET + "/" + sourceKey));
                        case PARSE_ONLY -> timed(() -> parseOnly(spark, "s3://" + BUCKET + "/" + sourceKey));
                    };
                    runs.add(new Run(round, warmUp, variant, seconds));
                    System.out.printf(
                            "round %d%s %-11s %7.2f s%n",
                            round,
                            warmUp ? " (warm-up)" : "",
                            variant.name().toLowerCase(Locale.ROOT),
                            seconds);
                }
            }
            long plainRows = spark.table(PLAIN_TABLE).count();
            if (plainRows != report.rows()) {
                throw new IllegalStateException("Cannot trust the plain Spark baseline: the month holds %d rows, not %d"
                        .formatted(plainRows, report.rows()));
            }
            Map<Variant, Double> medians = new EnumMap<>(Variant.class);
            for (Variant variant : variants) {
                medians.put(variant, new Samples(runs.stream()
                                .filter(run -> !run.warmUp() && run.variant() == variant)
                                .map(Run::seconds)
                                .toList())
                        .median());
            }
            CurResult result = new CurResult(
                    report.rows(),
                    WideCurReport.COLUMNS.size(),
                    report.bytes(),
                    warmUps,
                    repetitions,
                    bench.startMillis(),
                    generateSeconds,
                    medians,
                    medians.get(Variant.PLAIN_SPARK) / medians.get(Variant.TIDEWATER),
                    runs);
            System.out.printf("Wrote %s%n", ResultFiles.write(results, "cur", result));
            System.out.printf(
                    Locale.ROOT,
                    "RESULT cur rows=%d columns=%d tidewater_s=%.2f plain_spark_s=%.2f parse_only_s=%.2f "
                            + "ratio_vs_plain_spark=%.2f%n",
                    result.rows(),
                    result.columns(),
                    medians.get(Variant.TIDEWATER),
                    medians.get(Variant.PLAIN_SPARK),
                    medians.get(Variant.PARSE_ONLY),
                    result.ratioVsPlainSpark());
            return 0;
        }
    }

    /**
     * A new delivery of the month, as AWS writes one: the data file in a new assembly folder, its manifest there, then
     * the period's manifest overwritten. The clock runs from the first manifest's upload to the commit that replaced
     * the month, from the table's snapshot time; the month must then hold exactly this delivery's rows.
     */
    private double throughTidewater(BenchStack bench, int round, String periodFolder, String sourceKey)
            throws Exception {
        String assemblyId = UUID.nameUUIDFromBytes(("bench-wide/" + round).getBytes(StandardCharsets.UTF_8))
                .toString();
        String dataKey = periodFolder + assemblyId + "/" + REPORT + "-1.csv.gz";
        bench.s3().copyObject(request -> request.sourceBucket(BUCKET)
                .sourceKey(sourceKey)
                .destinationBucket(BUCKET)
                .destinationKey(dataKey));
        byte[] manifest = WideCurReport.manifest(assemblyId, BUCKET, REPORT, MONTH, dataKey);
        long started = System.currentTimeMillis();
        String assemblyManifest = periodFolder + assemblyId + "/" + REPORT + "-Manifest.json";
        bench.s3().putObject(request -> request.bucket(BUCKET).key(assemblyManifest), RequestBody.fromBytes(manifest));
        bench.s3()
                .putObject(
                        request -> request.bucket(BUCKET).key(periodFolder + REPORT + "-Manifest.json"),
                        RequestBody.fromBytes(manifest));
        String idempotencyKey = "billing/billing.cur/%s/%s".formatted(MONTH, assemblyId);
        TidewaterCommits commits = new TidewaterCommits(bench.catalog(), bench.dataDirectory());
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<HistoryEntry> committed = commits.committedEntry(CUR_TABLE, idempotencyKey);
            if (committed.isPresent()) {
                Snapshot snapshot = bench.catalog().loadTable(CUR_TABLE).snapshot(committed.get().snapshotId());
                long total = Long.parseLong(snapshot.summary().get(SnapshotSummary.TOTAL_RECORDS_PROP));
                if (total != rows) {
                    throw new IllegalStateException("Cannot count delivery %s: billing.cur holds %d rows, not %d"
                            .formatted(assemblyId, total, rows));
                }
                return (committed.get().timestampMillis() - started) / 1000.0;
            }
            Thread.sleep(100);
        }
        throw new TimeoutException("Cannot see delivery %s of %s committed to %s within %d s; see tidewater.log"
                .formatted(assemblyId, MONTH, CUR_TABLE, timeoutSeconds));
    }

    /** The manifest's types, Athena's column names, one constant period column; the month overwritten. */
    private static void plainSpark(SparkSession spark, String file) throws Exception {
        List<String> names = ColumnNames.normalise(WideCurReport.COLUMNS.stream()
                        .map(WideCurReport.CurColumn::header)
                        .toList())
                .names();
        Dataset<Row> raw = spark.read().option("header", "true").schema(schema()).csv(file);
        List<Column> columns = new ArrayList<>();
        for (int index = 0; index < names.size(); index++) {
            columns.add(col(raw.columns()[index]).as(names.get(index)));
        }
        columns.add(lit(MONTH.toString()).as("billing_period"));
        Dataset<Row> month = raw.select(columns.toArray(Column[]::new));
        if (spark.catalog().tableExists(PLAIN_TABLE)) {
            month.writeTo(PLAIN_TABLE).overwritePartitions();
        } else {
            month.writeTo(PLAIN_TABLE).partitionedBy(col("billing_period")).create();
        }
    }

    private static void parseOnly(SparkSession spark, String file) {
        spark.read()
                .option("header", "true")
                .schema(schema())
                .csv(file)
                .write()
                .format("noop")
                .mode("overwrite")
                .save();
    }

    /** As billing-service types legacy manifests: decimals, timestamps for DateTime, the rest text. */
    private static StructType schema() {
        StructType schema = new StructType();
        int index = 0;
        for (WideCurReport.CurColumn column : WideCurReport.COLUMNS) {
            DataType type = switch (column.type()) {
                case "BigDecimal", "OptionalBigDecimal" -> DataTypes.createDecimalType(38, 10);
                case "DateTime" -> DataTypes.TimestampType;
                default -> DataTypes.StringType;
            };
            // Positional names: CSV headers such as resourceTags/user:team are not valid Spark field names for select.
            schema = schema.add("c" + index++, type, true);
        }
        return schema;
    }

    interface Job {
        void run() throws Exception;
    }

    private static double timed(Job job) throws Exception {
        long started = System.nanoTime();
        job.run();
        return secondsSince(started);
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }
}
