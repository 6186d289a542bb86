package io.tidewater.bench.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/run load}: Tidewater end to end against a plain Spark job, a Glue-style job and a parse-only floor, all
 * in one JVM on the same stack, interleaved round by round with the order rotated, so that JIT warm-up and the load of
 * a shared machine fall on every variant alike.
 */
@Command(name = "load", mixinStandardHelpOptions = true, description = "Tidewater load against same-run baselines.")
final class LoadBenchmark implements Callable<Integer> {

    enum Variant {
        TIDEWATER,
        PLAIN_SPARK,
        GLUE_STYLE,
        PARSE_ONLY
    }

    /** One variant's run in one round. */
    record Run(int round, boolean warmUp, Variant variant, double seconds, TidewaterCommits.Phases phases) {}

    /** Medians in milliseconds of Tidewater's phases over the measured rounds. */
    record PhaseMedians(
            double eventPath, double intake, double crawl, double verify, double loader, double loadJob) {}

    /** The whole result, as written to JSON. */
    record LoadResult(
            InventoryFileFormat format,
            long rows,
            String dataFileChecksums,
            int files,
            long compressedBytes,
            int warmUps,
            int repetitions,
            long stackStartMillis,
            double generateSeconds,
            Map<Variant, Double> medianSeconds,
            PhaseMedians tidewaterPhaseMedians,
            double ratioVsPlainSpark,
            double ratioVsGlueStyle,
            double loadJobRatioVsPlainSpark,
            double inferenceShareOfLoad,
            List<Run> runs) {}

    @Option(names = "--rows", defaultValue = "500000", description = "Rows in the report (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--files", defaultValue = "4", description = "CSV.gz files (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(
            names = "--repetitions",
            defaultValue = "5",
            description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--warm-ups", defaultValue = "1", description = "Unmeasured rounds (default: ${DEFAULT-VALUE}).")
    int warmUps;

    @Option(names = "--work", required = true, description = "Emptied working directory (stack, report, logs).")
    Path work;

    @Option(names = "--results", required = true, description = "Where the JSON result goes.")
    Path results;

    @Option(
            names = "--format",
            defaultValue = "CSV",
            description = "Inventory format: CSV, PARQUET or ORC (default: ${DEFAULT-VALUE}).")
    InventoryFileFormat format;

    @Option(
            names = "--data-file-checksums",
            defaultValue = "before-load",
            description = "inventory-service's MD5 pass: before-load (the shipped default) or while-loading.")
    String dataFileChecksums;

    @Option(names = "--timeout", defaultValue = "600", description = "Seconds to wait for one Tidewater load.")
    long timeoutSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try (BenchStack bench = BenchStack.start(
                work.resolve("stack"), Map.of("tidewater.inventory.data-file-checksums", dataFileChecksums))) {
            System.out.printf("Stack and services up in %,d ms%n", bench.startMillis());
            long generating = System.nanoTime();
            InventoryDeliveries deliveries = InventoryDeliveries.prepare(
                    bench.s3(), bench.spark(), work.resolve("report"), "bench-media-assets", rows, files, format);
            double generateSeconds = secondsSince(generating);
            System.out.printf(
                    "Report: %,d rows in %d %s files, %,d bytes compressed (generated and uploaded in %.1f s)%n",
                    deliveries.rows(), files, format.manifestName(), deliveries.compressedBytes(), generateSeconds);

            TidewaterCommits commits = new TidewaterCommits(bench.catalog(), bench.dataDirectory());
            SparkBaselines baselines = new SparkBaselines(bench.spark());
            List<Run> runs = new ArrayList<>();
            Variant[] variants = Variant.values();
            for (int round = 0; round < warmUps + repetitions; round++) {
                boolean warmUp = round < warmUps;
                InventoryDeliveries.Delivery target = null;
                for (int slot = 0; slot < variants.length; slot++) {
                    Variant variant = variants[(round + slot) % variants.length];
                    Run run = switch (variant) {
                        case TIDEWATER -> {
                            InventoryDeliveries.Delivery delivery = deliveries.deliver(round);
                            TidewaterCommits.Commit commit =
                                    commits.await(delivery, Duration.ofSeconds(timeoutSeconds));
                            if (commit.rowsAdded() != deliveries.rows()) {
                                throw new IllegalStateException("Cannot count delivery %s: %d rows added, not %d"
                                        .formatted(delivery.idempotencyKey(), commit.rowsAdded(), deliveries.rows()));
                            }
                            yield new Run(round, warmUp, variant, commit.endToEndMillis() / 1000.0, commit.phases());
                        }
                        case PLAIN_SPARK -> timed(round, warmUp, variant, () -> baselines.plainSpark(
                                deliveries.dataFileUris(), "2026-01-05", deliveries.configurationId(), format));
                        case GLUE_STYLE -> timed(round, warmUp, variant, () -> baselines.glueStyle(
                                deliveries.dataFileUris(), "2026-01-05", deliveries.configurationId(), format));
                        case PARSE_ONLY ->
                            timed(round, warmUp, variant, () -> baselines.parseOnly(deliveries.dataFileUris(), format));
                    };
                    runs.add(run);
                    System.out.printf(
                            "round %d%s %-11s %7.2f s%s%n",
                            round,
                            warmUp ? " (warm-up)" : "",
                            variant.name().toLowerCase(Locale.ROOT),
                            run.seconds(),
                            run.phases() == null ? "" : "  " + describe(run.phases()));
                }
            }
            requireRowsAdded(bench, SparkBaselines.PLAIN_TABLE, deliveries.rows());
            requireRowsAdded(bench, SparkBaselines.GLUE_STYLE_TABLE, deliveries.rows());
            LoadResult result = summarise(deliveries, bench, generateSeconds, runs);
            print(result);
            Path file = ResultFiles.write(results, "load", result);
            System.out.printf("Wrote %s%n", file);
            System.out.printf(
                    Locale.ROOT,
                    "RESULT load rows=%d%s tidewater_s=%.2f plain_spark_s=%.2f glue_style_s=%.2f "
                            + "ratio_vs_plain_spark=%.2f ratio_vs_glue_style=%.2f%n",
                    result.rows(),
                    format == InventoryFileFormat.CSV ? "" : " format=" + format.manifestName(),
                    result.medianSeconds().get(Variant.TIDEWATER),
                    result.medianSeconds().get(Variant.PLAIN_SPARK),
                    result.medianSeconds().get(Variant.GLUE_STYLE),
                    result.ratioVsPlainSpark(),
                    result.ratioVsGlueStyle());
            return 0;
        }
    }

    private LoadResult summarise(
            InventoryDeliveries deliveries, BenchStack bench, double generateSeconds, List<Run> runs) {
        Map<Variant, Double> medians = new EnumMap<>(Variant.class);
        for (Variant variant : Variant.values()) {
            medians.put(variant, measured(runs, variant, run -> run.seconds()).median());
        }
        PhaseMedians phases = new PhaseMedians(
                phase(runs, TidewaterCommits.Phases::eventPathMillis),
                phase(runs, TidewaterCommits.Phases::intakeMillis),
                phase(runs, TidewaterCommits.Phases::crawlMillis),
                phase(runs, TidewaterCommits.Phases::verifyMillis),
                phase(runs, TidewaterCommits.Phases::loaderMillis),
                phase(runs, TidewaterCommits.Phases::loadJobMillis));
        double tidewater = medians.get(Variant.TIDEWATER);
        return new LoadResult(
                format,
                deliveries.rows(),
                dataFileChecksums,
                files,
                deliveries.compressedBytes(),
                warmUps,
                repetitions,
                bench.startMillis(),
                generateSeconds,
                medians,
                phases,
                medians.get(Variant.PLAIN_SPARK) / tidewater,
                medians.get(Variant.GLUE_STYLE) / tidewater,
                medians.get(Variant.PLAIN_SPARK) / (phases.loadJob() / 1000.0),
                phases.crawl() / (tidewater * 1000.0),
                runs);
    }

    private static void print(LoadResult result) {
        System.out.println();
        System.out.printf("Medians over %d measured rounds:%n", result.repetitions());
        result.medianSeconds()
                .forEach((variant, seconds) ->
                        System.out.printf("  %-11s %7.2f s%n", variant.name().toLowerCase(Locale.ROOT), seconds));
        PhaseMedians phases = result.tidewaterPhaseMedians();
        System.out.printf(
                "Tidewater phases (median ms): event path %.0f, intake %.0f (crawl %.0f, MD5 verify %.0f), "
                        + "loader %.0f (load job %.0f)%n",
                phases.eventPath(),
                phases.intake(),
                phases.crawl(),
                phases.verify(),
                phases.loader(),
                phases.loadJob());
        System.out.printf(
                Locale.ROOT,
                "Inference share of load time %.2f%%; loader's load job alone vs plain Spark %.2fx%n",
                result.inferenceShareOfLoad() * 100,
                result.loadJobRatioVsPlainSpark());
    }

    private static String describe(TidewaterCommits.Phases phases) {
        return "(event %d ms, intake %d ms [crawl %d, verify %d], loader %d ms [job %d])"
                .formatted(
                        phases.eventPathMillis(),
                        phases.intakeMillis(),
                        phases.crawlMillis(),
                        phases.verifyMillis(),
                        phases.loaderMillis(),
                        phases.loadJobMillis());
    }

    private static double phase(List<Run> runs, java.util.function.ToLongFunction<TidewaterCommits.Phases> part) {
        return measured(runs, Variant.TIDEWATER, run -> (double) part.applyAsLong(run.phases()))
                .median();
    }

    private static Samples measured(List<Run> runs, Variant variant, java.util.function.ToDoubleFunction<Run> value) {
        return new Samples(runs.stream()
                .filter(run -> !run.warmUp() && run.variant() == variant)
                .map(run -> value.applyAsDouble(run))
                .toList());
    }

    /** A baseline job; Spark's table exceptions are checked. */
    interface Job {
        void run() throws Exception;
    }

    private static Run timed(int round, boolean warmUp, Variant variant, Job job) throws Exception {
        long started = System.nanoTime();
        job.run();
        return new Run(round, warmUp, variant, secondsSince(started), null);
    }

    /** Each baseline appends the whole report every round; a short write would make it look fast. */
    private static void requireRowsAdded(BenchStack bench, String table, long rows) {
        String[] parts = table.split("\\.");
        var snapshot = bench.catalog().loadTable(TableIdentifier.of(parts[0], parts[1])).currentSnapshot();
        long added = Long.parseLong(snapshot.summary().get(SnapshotSummary.ADDED_RECORDS_PROP));
        if (added != rows) {
            throw new IllegalStateException(
                    "Cannot trust the %s baseline: its last append added %d rows, not %d".formatted(table, added, rows));
        }
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }
}
