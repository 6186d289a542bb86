package io.tidewater.bench.pipeline;

import io.tidewater.contract.EvolutionPolicy;
import io.tidewater.contract.ConstantColumn;
import io.tidewater.contract.LoadColumn;
import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.ReaderOptions;
import io.tidewater.contract.SourceFormat;
import io.tidewater.contract.ValueTransform;
import io.tidewater.contract.WriteMode;
import io.tidewater.loader.IcebergLoaderApplication;
import io.tidewater.local.services.LocalServices;
import io.tidewater.local.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code bench/run memory}: the loader service alone in a child JVM (its own main class, the Spark flags, the JVM's
 * default heap as {@code ./tidewater} runs it), one inventory load job sent to it over SQS, and the child's peak RSS
 * read from {@code VmHWM} in {@code /proc/<pid>/status}. The S3 and SQS servers stay in this JVM, so they do not count.
 * The baseline is the same child's peak before the job: the loader idle with Spark started.
 */
@Command(name = "memory", mixinStandardHelpOptions = true, description = "The loader's peak RSS on one large job.")
final class MemoryBenchmark implements Callable<Integer> {

    static final String JOBS_QUEUE = "tidewater-load-jobs";
    static final String RESULTS_QUEUE = "tidewater-load-results";

    record MemoryResult(
            long rows,
            int files,
            long compressedBytes,
            String heapOption,
            long idlePeakRssBytes,
            long peakRssBytes,
            double loadSeconds,
            long loaderDurationMillis,
            long rowsWritten) {}

    @Option(names = "--rows", defaultValue = "2000000", description = "Rows in the report (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--files", defaultValue = "8", description = "CSV.gz files (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--heap", description = "-Xmx for the loader JVM, e.g. 1g (default: the JVM's own choice).")
    String heap;

    @Option(names = "--work", required = true)
    Path work;

    @Option(names = "--results", required = true)
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new MemoryBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dataDirectory = work.resolve("stack");
        try (LocalStack stack = BenchStack.startStackOnly(dataDirectory);
                S3Client s3 = BenchStack.s3Client(stack);
                SqsClient sqs = BenchStack.sqsClient(stack)) {
            long generating = System.nanoTime();
            InventoryDeliveries report =
                    InventoryDeliveries.prepare(s3, work.resolve("report"), "bench-memory", rows, files);
            System.out.printf(
                    "Report: %,d rows in %d CSV.gz files, %,d bytes compressed (%.1f s)%n",
                    report.rows(), files, report.compressedBytes(), (System.nanoTime() - generating) / 1e9);

            Process loader = startLoader(stack);
            try {
                long idlePeak = waitUntilListening(loader, dataDirectory);
                System.out.printf("Loader pid %d idle with Spark started: VmHWM %,d MB%n", loader.pid(), idlePeak >> 20);
                long started = System.nanoTime();
                LoadJob job = job(report);
                sqs.sendMessage(request ->
                        request.queueUrl(stack.queueUrl(JOBS_QUEUE)).messageBody(MessageJson.write(job)));
                LoadResult.LoadCompleted completed = LoadJobReplies.await(
                        sqs, stack.queueUrl(RESULTS_QUEUE), job, Duration.ofMinutes(30), () -> {
                            if (!loader.isAlive()) {
                                throw new IllegalStateException(
                                        "Cannot load: the loader exited with " + loader.exitValue());
                            }
                        });
                double seconds = (System.nanoTime() - started) / 1e9;
                long peak = statusKilobytes(loader.pid(), "VmHWM") * 1024;
                MemoryResult result = new MemoryResult(
                        rows,
                        files,
                        report.compressedBytes(),
                        heap == null ? "JVM default" : "-Xmx" + heap,
                        idlePeak,
                        peak,
                        seconds,
                        completed.durationMillis(),
                        completed.rowsWritten());
                System.out.printf("Wrote %s%n", ResultFiles.write(results, "memory", result));
                System.out.printf(
                        Locale.ROOT,
                        "RESULT memory rows=%d heap=%s loader_peak_rss_mb=%d idle_peak_rss_mb=%d load_s=%.1f%n",
                        rows,
                        heap == null ? "default" : heap,
                        peak >> 20,
                        idlePeak >> 20,
                        seconds);
                return 0;
            } finally {
                loader.destroy();
                loader.waitFor();
            }
        }
    }

    /** The loader's own main class with the arguments the local stack gives it, in a JVM of its own. */
    private Process startLoader(LocalStack stack) throws IOException {
        // The idle baseline waits for this log's start line: a previous run's log must not answer for this one.
        Files.deleteIfExists(work.resolve("loader.log"));
        Map<String, Object> arguments = new LinkedHashMap<>(LocalServices.awsProperties(stack));
        arguments.putAll(LocalServices.loaderProperties(stack));
        arguments.put("server.port", "0");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(System.getenv().getOrDefault("BENCH_JAVA_OPTIONS", "").split(" ")));
        if (heap != null) {
            command.add("-Xmx" + heap);
        }
        command.add("-Dtidewater.log-file=" + work.resolve("loader.log"));
        command.add("-cp");
        command.add(System.getenv().getOrDefault("BENCH_CLASSPATH", System.getProperty("java.class.path")));
        command.add(IcebergLoaderApplication.class.getName());
        arguments.forEach((key, value) -> command.add("--" + key + "=" + value));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("loader.out").toFile())
                .start();
    }

    /** Spring logs the started application once the SQS listener runs; its peak so far is the idle baseline. */
    private long waitUntilListening(Process loader, Path dataDirectory) throws Exception {
        Path log = work.resolve("loader.log");
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!loader.isAlive()) {
                throw new IllegalStateException("Cannot start the loader: it exited with " + loader.exitValue()
                        + "; see " + work.resolve("loader.out"));
            }
            if (Files.exists(log) && Files.readString(log).contains("Started IcebergLoaderApplication")) {
                return statusKilobytes(loader.pid(), "VmHWM") * 1024;
            }
            Thread.sleep(200);
        }
        throw new TimeoutException("Cannot see the loader start within 300 s; see " + log);
    }

    /** The job inventory-service sends for this report: S3's inventory names and types, keys URL-decoded. */
    private static LoadJob job(InventoryDeliveries report) {
        List<LoadColumn> columns = new ArrayList<>();
        for (SparkBaselines.InventoryField field : SparkBaselines.FIELDS) {
            String type = switch (field.type().typeName()) {
                case "boolean" -> "boolean";
                case "long" -> "long";
                case "timestamp" -> "timestamptz";
                default -> "string";
            };
            boolean required = "bucket".equals(field.tableName()) || "key".equals(field.tableName());
            ValueTransform transform = "key".equals(field.tableName()) ? ValueTransform.URL_DECODE : ValueTransform.NONE;
            columns.add(new LoadColumn(field.tableName(), field.sourceName(), type, !required, transform));
        }
        return LoadJob.builder().jobId(UUID.randomUUID().toString()).idempotencyKey("s3-inventory/%s/%s/%d".formatted(report.sourceBucket(), report.configurationId(), 1767574800000L)).runId("bench-memory").table("inventory.objects").files(report.sourceFiles()).format(SourceFormat.CSV).readerOptions(ReaderOptions.s3InventoryCsv().withNullTokens(List.of(""))).columns(columns).constantColumns(List.of( new ConstantColumn("inventory_date", "date", "2026-01-05"), new ConstantColumn("inventory_configuration", "string", report.configurationId()))).writeMode(new WriteMode.Append()).evolutionPolicy(EvolutionPolicy.ADD_NEW_COLUMNS).partitionFields(List.of("bucket", "inventory_date")).replyTo(RESULTS_QUEUE).build();
    }

    static long statusKilobytes(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith(field + ":"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("Cannot find " + field + " for pid " + pid));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read /proc/" + pid + "/status: " + e.getMessage(), e);
        }
    }


}
