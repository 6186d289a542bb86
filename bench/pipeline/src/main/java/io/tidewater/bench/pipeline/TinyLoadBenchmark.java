package io.tidewater.bench.pipeline;

import io.tidewater.contract.EvolutionPolicy;
import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.ReaderOptions;
import io.tidewater.contract.SourceFile;
import io.tidewater.contract.SourceFormat;
import io.tidewater.contract.WriteMode;
import io.tidewater.local.services.LocalServices;
import io.tidewater.local.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code bench/run tiny}: the fixed cost of one load job on the warm driver. The loader service runs alone in this
 * JVM; a tiny CSV file on S3 is loaded again and again, each time under a new idempotency key, timed from sending the
 * job on SQS to receiving its {@code LoadCompleted}. The baseline in the same rounds, on the loader's own warm Spark
 * session, is a plain {@code spark.read().schema(...).csv(file).writeTo(table).append()} of the same file.
 */
@Command(name = "tiny", mixinStandardHelpOptions = true, description = "Job time of a tiny file on the warm driver.")
final class TinyLoadBenchmark implements Callable<Integer> {

    private static final String BUCKET = "bench-tiny";
    private static final String KEY = "tiny/tiny.csv";
    private static final String REPLIES_QUEUE = "bench-tiny-replies";
    private static final String TABLE = "bench.tiny_tidewater";
    private static final String PLAIN_TABLE = "tidewater.bench.tiny_plain_spark";

    /** One round: the loader's job end to end and its own run time, and the plain job on the same file. */
    record Round(int number, boolean warmUp, double tidewaterSeconds, long loadJobMillis, double plainSparkSeconds) {}

    record TinyResult(
            int rows,
            int repetitions,
            int warmUps,
            double tidewaterP50Seconds,
            double tidewaterP95Seconds,
            double loadJobP50Millis,
            double plainSparkP50Seconds,
            double plainSparkP95Seconds,
            double ratio,
            List<Round> rounds) {}

    @Option(names = "--rows", defaultValue = "10", description = "Rows in the file (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(
            names = "--repetitions",
            defaultValue = "20",
            description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--warm-ups", defaultValue = "5", description = "Unmeasured rounds (default: ${DEFAULT-VALUE}).")
    int warmUps;

    private long fileBytes;

    @Option(names = "--work", required = true)
    Path work;

    @Option(names = "--results", required = true)
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TinyLoadBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long starting = System.nanoTime();
        try (LocalStack stack = BenchStack.startStackOnly(work.resolve("stack"));
                S3Client s3 = BenchStack.s3Client(stack);
                SqsClient sqs = BenchStack.sqsClient(stack);
                ConfigurableApplicationContext loader =
                        LocalServices.startLoader(
                                stack, Map.of("server.port", "0", "tidewater.loader.source-buckets", BUCKET))) {
            System.out.printf("Stack and loader up in %,d ms%n", (System.nanoTime() - starting) / 1_000_000);
            String file = upload(s3);
            String replies =
                    sqs.createQueue(request -> request.queueName(REPLIES_QUEUE)).queueUrl();
            String jobs = stack.queueUrl(MemoryBenchmark.JOBS_QUEUE);
            SparkSession plain = loader.getBean(SparkSession.class).newSession();
            StructType schema = new StructType()
                    .add("id", DataTypes.LongType)
                    .add("name", DataTypes.StringType)
                    .add("size", DataTypes.LongType);
            plain.sql("CREATE NAMESPACE IF NOT EXISTS tidewater.bench");
            plain.createDataFrame(List.of(), schema).writeTo(PLAIN_TABLE).createOrReplace();

            List<Round> rounds = new ArrayList<>();
            for (int number = 0; number < warmUps + repetitions; number++) {
                // Alternate the order, so that neither variant always runs on a JVM the other has just warmed.
                double tidewater = 0;
                long loadJob = 0;
                double plainSpark = 0;
                for (int variant = 0; variant < 2; variant++) {
                    if ((variant + number) % 2 == 0) {
                        long started = System.nanoTime();
                        LoadJob job = job(file, number);
                        sqs.sendMessage(request -> request.queueUrl(jobs).messageBody(MessageJson.write(job)));
                        LoadResult.LoadCompleted completed =
                                LoadJobReplies.await(sqs, replies, job, Duration.ofMinutes(5), () -> {});
                        tidewater = (System.nanoTime() - started) / 1e9;
                        loadJob = completed.durationMillis();
                        if (completed.rowsWritten() != rows) {
                            throw new IllegalStateException(
                                    "Cannot count round " + number + ": the loader wrote " + completed.rowsWritten()
                                            + " rows, not " + rows);
                        }
                    } else {
                        long started = System.nanoTime();
                        plain.read()
                                .schema(schema)
                                .option("header", true)
                                .csv(file)
                                .writeTo(PLAIN_TABLE)
                                .append();
                        plainSpark = (System.nanoTime() - started) / 1e9;
                    }
                }
                Round round = new Round(number, number < warmUps, tidewater, loadJob, plainSpark);
                rounds.add(round);
                System.out.printf(
                        Locale.ROOT,
                        "round %2d%s tidewater %.3f s (load job %d ms); plain Spark %.3f s%n",
                        number,
                        round.warmUp() ? " (warm-up)" : "",
                        tidewater,
                        loadJob,
                        plainSpark);
            }
            long plainRows = plain.table(PLAIN_TABLE).count();
            if (plainRows != (long) rows * (warmUps + repetitions)) {
                throw new IllegalStateException("Cannot trust the plain job: its table holds " + plainRows + " rows");
            }
            List<Round> measured = rounds.stream().filter(round -> !round.warmUp()).toList();
            Samples tidewater =
                    new Samples(measured.stream().map(Round::tidewaterSeconds).toList());
            Samples plainSpark =
                    new Samples(measured.stream().map(Round::plainSparkSeconds).toList());
            TinyResult result = new TinyResult(
                    rows,
                    repetitions,
                    warmUps,
                    tidewater.median(),
                    tidewater.percentile(95),
                    new Samples(measured.stream()
                                    .map(round -> (double) round.loadJobMillis())
                                    .toList())
                            .median(),
                    plainSpark.median(),
                    plainSpark.percentile(95),
                    plainSpark.median() / tidewater.median(),
                    rounds);
            System.out.printf(
                    Locale.ROOT,
                    "tidewater p50 %.3f s, p95 %.3f s (load job p50 %.0f ms); plain Spark p50 %.3f s, p95 %.3f s%n",
                    result.tidewaterP50Seconds(),
                    result.tidewaterP95Seconds(),
                    result.loadJobP50Millis(),
                    result.plainSparkP50Seconds(),
                    result.plainSparkP95Seconds());
            System.out.printf("Wrote %s%n", ResultFiles.write(results, "tiny", result));
            System.out.printf(
                    Locale.ROOT,
                    "RESULT tiny rows=%d tidewater_p50_s=%.3f plain_spark_p50_s=%.3f ratio=%.2f%n",
                    rows,
                    result.tidewaterP50Seconds(),
                    result.plainSparkP50Seconds(),
                    result.ratio());
            return 0;
        }
    }

    private String upload(S3Client s3) {
        s3.createBucket(request -> request.bucket(BUCKET));
        String content = IntStream.rangeClosed(1, rows)
                .mapToObj(id -> id + ",object-" + id + "," + id * 1024)
                .collect(Collectors.joining("\n", "id,name,size\n", "\n"));
        fileBytes = content.getBytes(StandardCharsets.UTF_8).length;
        s3.putObject(request -> request.bucket(BUCKET).key(KEY), RequestBody.fromString(content, StandardCharsets.UTF_8));
        return "s3://" + BUCKET + "/" + KEY;
    }

    private LoadJob job(String file, int round) {
        return LoadJob.builder().jobId(UUID.randomUUID().toString()).idempotencyKey("bench-tiny/" + UUID.randomUUID() + "/" + round).runId("bench-tiny").table(TABLE).files(List.of(new SourceFile(file, fileBytes, null))).format(SourceFormat.CSV).readerOptions(new ReaderOptions(',', '"', '"', true, List.of(""), "none")).columns(List.of( new LoadColumn("id", "id", "long", true), new LoadColumn("name", "name", "string", true), new LoadColumn("size", "size", "long", true))).writeMode(new WriteMode.Append()).evolutionPolicy(EvolutionPolicy.ADD_NEW_COLUMNS).replyTo(REPLIES_QUEUE).build();
    }
}
