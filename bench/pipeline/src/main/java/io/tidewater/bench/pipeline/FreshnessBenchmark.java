package io.tidewater.bench.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/run freshness}: small reports one after another on a warm stack, completion marker to commit. The
 * baseline in the same rounds is the plain Spark job on the same report, on the same warm driver: the time a
 * hand-written job needs once it has been started, before any scheduler delay.
 */
@Command(name = "freshness", mixinStandardHelpOptions = true, description = "Marker-to-commit time of small reports.")
final class FreshnessBenchmark implements Callable<Integer> {

    /** One report: marker to commit, its phases, and the plain job on the same files. */
    record Delivered(int number, boolean warmUp, double seconds, TidewaterCommits.Phases phases, double plainSparkSeconds) {}

    record FreshnessResult(
            long rowsPerReport,
            int reports,
            int warmUps,
            double p50Seconds,
            double p95Seconds,
            double plainSparkP50Seconds,
            double medianEventPathMillis,
            double medianIntakeMillis,
            double medianLoaderMillis,
            double medianLoadJobMillis,
            List<Delivered> deliveries) {}

    @Option(names = "--reports", defaultValue = "20", description = "Measured reports (default: ${DEFAULT-VALUE}).")
    int reports;

    @Option(names = "--rows", defaultValue = "10000", description = "Rows per report (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--warm-ups", defaultValue = "2", description = "Unmeasured reports (default: ${DEFAULT-VALUE}).")
    int warmUps;

    @Option(names = "--work", required = true)
    Path work;

    @Option(names = "--results", required = true)
    Path results;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FreshnessBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try (BenchStack bench = BenchStack.start(work.resolve("stack"))) {
            System.out.printf("Stack and services up in %,d ms%n", bench.startMillis());
            InventoryDeliveries deliveries =
                    InventoryDeliveries.prepare(bench.s3(), work.resolve("report"), "bench-small-reports", rows, 1);
            TidewaterCommits commits = new TidewaterCommits(bench.catalog(), bench.dataDirectory());
            SparkBaselines baselines = new SparkBaselines(bench.spark());
            List<Delivered> delivered = new ArrayList<>();
            for (int number = 0; number < warmUps + reports; number++) {
                TidewaterCommits.Commit commit =
                        commits.await(deliveries.deliver(number), Duration.ofSeconds(300));
                long started = System.nanoTime();
                baselines.plainSpark(deliveries.dataFileUris(), "2026-01-05", deliveries.configurationId());
                double plain = (System.nanoTime() - started) / 1e9;
                Delivered one = new Delivered(
                        number, number < warmUps, commit.endToEndMillis() / 1000.0, commit.phases(), plain);
                delivered.add(one);
                System.out.printf(
                        Locale.ROOT,
                        "report %2d%s %.2f s (event %d ms, intake %d ms, loader %d ms [job %d]); plain Spark %.2f s%n",
                        number,
                        one.warmUp() ? " (warm-up)" : "",
                        one.seconds(),
                        commit.phases().eventPathMillis(),
                        commit.phases().intakeMillis(),
                        commit.phases().loaderMillis(),
                        commit.phases().loadJobMillis(),
                        plain);
            }
            List<Delivered> measured =
                    delivered.stream().filter(one -> !one.warmUp()).toList();
            Samples seconds = new Samples(measured.stream().map(Delivered::seconds).toList());
            FreshnessResult result = new FreshnessResult(
                    rows,
                    reports,
                    warmUps,
                    seconds.median(),
                    seconds.percentile(95),
                    new Samples(measured.stream().map(Delivered::plainSparkSeconds).toList()).median(),
                    median(measured, phases -> phases.eventPathMillis()),
                    median(measured, phases -> phases.intakeMillis()),
                    median(measured, phases -> phases.loaderMillis()),
                    median(measured, phases -> phases.loadJobMillis()),
                    delivered);
            System.out.printf(
                    Locale.ROOT,
                    "Phases (median ms): event path %.0f, intake %.0f, loader %.0f (load job %.0f)%n",
                    result.medianEventPathMillis(),
                    result.medianIntakeMillis(),
                    result.medianLoaderMillis(),
                    result.medianLoadJobMillis());
            System.out.printf("Wrote %s%n", ResultFiles.write(results, "freshness", result));
            System.out.printf(
                    Locale.ROOT,
                    "RESULT freshness reports=%d rows_per_report=%d p50_s=%.2f p95_s=%.2f plain_spark_p50_s=%.2f%n",
                    reports,
                    rows,
                    result.p50Seconds(),
                    result.p95Seconds(),
                    result.plainSparkP50Seconds());
            return 0;
        }
    }

    private static double median(List<Delivered> measured, java.util.function.ToLongFunction<TidewaterCommits.Phases> part) {
        return new Samples(measured.stream()
                        .map(one -> (double) part.applyAsLong(one.phases()))
                        .toList())
                .median();
    }
}
