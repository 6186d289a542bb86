package io.tidewater.bench.crawl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tidewater.schema.inference.CrawlOptions;
import io.tidewater.schema.inference.SchemaCrawler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code CrawlBenchmark [--max-size 1GB] [--dir DIR] [--results DIR] [--repetitions 5] [--seed 42]}: (a) crawl time on
 * inventory CSV.gz files of 1 MB to 1 GB, which must stay flat beyond the sample; (b) delimiter, header and column-count
 * accuracy of Tidewater's crawler and DuckDB's {@code sniff_csv} on a seeded messy-CSV corpus.
 */
public final class CrawlBenchmark {
    private static final long[] SIZES = {1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L};
    /** Enough calls for the JIT to compile the crawler's hot loops before anything is measured. */
    private static final int SCALE_WARM_UP = 20;

    private static final long SCALE_WARM_UP_NANOS = 5_000_000_000L;

    private static final int CORPUS_WARM_UP = 3;

    private CrawlBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        long maxSize = Sizes.parse(options.getOrDefault("--max-size", "1GB"));
        Path directory = Path.of(options.getOrDefault("--dir", System.getProperty("java.io.tmpdir") + "/tidewater-bench-crawl"));
        Path results = Path.of(options.getOrDefault("--results", "bench/results"));
        int repetitions = Integer.parseInt(options.getOrDefault("--repetitions", "5"));
        long seed = Long.parseLong(options.getOrDefault("--seed", "42"));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("timestamp", Instant.now().toString());
        report.put("environment", environment());
        report.put("repetitions", repetitions);

        // (a) Scale. Warm up on every file first, then measure in interleaved rounds, so JIT progress and the load of
        // a shared machine fall on every size alike instead of on whichever size happens to come first.
        List<Long> sizes = Arrays.stream(SIZES).filter(size -> size <= maxSize).boxed().toList();
        Map<Long, Path> inventories = new LinkedHashMap<>();
        for (long size : sizes) {
            inventories.put(size, InventoryFiles.ensure(directory, size));
        }
        long warmUpEnds = System.nanoTime() + SCALE_WARM_UP_NANOS;
        for (int call = 0; call < SCALE_WARM_UP || System.nanoTime() < warmUpEnds; call++) {
            for (Path file : inventories.values()) {
                SchemaCrawler.crawl(file, CrawlOptions.defaults());
            }
        }
        Map<Long, double[]> timings = new LinkedHashMap<>();
        sizes.forEach(size -> timings.put(size, new double[repetitions]));
        for (int round = 0; round < repetitions; round++) {
            for (long size : sizes) {
                long started = System.nanoTime();
                SchemaCrawler.crawl(inventories.get(size), CrawlOptions.defaults());
                timings.get(size)[round] = (System.nanoTime() - started) / 1e6;
            }
        }
        List<Map<String, Object>> scale = new ArrayList<>();
        Map<Long, Double> medians = new LinkedHashMap<>();
        for (long size : sizes) {
            Path file = inventories.get(size);
            double[] times = timings.get(size);
            double median = median(times);
            medians.put(size, median);
            System.out.printf(
                    Locale.ROOT, "crawl %-6s (%,d bytes): median %.2f ms of %s%n",
                    Sizes.label(size), Files.size(file), median, format(times));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("size", Sizes.label(size));
            entry.put("bytes", Files.size(file));
            entry.put("medianMillis", round(median));
            entry.put("millis", Arrays.stream(times).map(CrawlBenchmark::round).toArray());
            scale.add(entry);
        }
        long largest = medians.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        String ratioName = "ratio_%s_10MB".formatted(Sizes.label(largest));
        Double ratio = medians.containsKey(10_000_000L) ? medians.get(largest) / medians.get(10_000_000L) : null;
        System.out.printf(Locale.ROOT, "%s = %s (target <= 2)%n", ratioName, ratio == null ? "n/a" : "%.2f".formatted(ratio));
        report.put("scale", scale);
        report.put(ratioName, ratio == null ? null : round(ratio));

        // (b) Messy corpus.
        List<MessyCorpus.Case> cases = MessyCorpus.write(seed, directory.resolve("messy-" + seed));
        List<Map<String, Object>> files = new ArrayList<>();
        int tidewaterCorrect = 0;
        int duckDbCorrect = 0;
        List<Double> tidewaterTimes = new ArrayList<>();
        List<Double> duckDbTimes = new ArrayList<>();
        String duckDbVersion;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            duckDbVersion = duckDbVersion(connection);
            for (MessyCorpus.Case item : cases) {
                DialectSniffers.Sniffed tidewater = DialectSniffers.tidewater(item.file());
                DialectSniffers.Sniffed duckDb = DialectSniffers.duckDb(connection, item.file());
                double tidewaterMillis = median(measure(CORPUS_WARM_UP, repetitions, () -> DialectSniffers.tidewater(item.file())));
                double duckDbMillis = median(measure(CORPUS_WARM_UP, repetitions, () -> DialectSniffers.duckDb(connection, item.file())));
                tidewaterTimes.add(tidewaterMillis);
                duckDbTimes.add(duckDbMillis);
                boolean tidewaterRight = tidewater.matches(item.truth());
                boolean duckDbRight = duckDb.matches(item.truth());
                tidewaterCorrect += tidewaterRight ? 1 : 0;
                duckDbCorrect += duckDbRight ? 1 : 0;
                MessyCorpus.Truth truth = item.truth();
                System.out.printf(
                        Locale.ROOT,
                        "%-38s truth[delim=%s header=%s cols=%d]  tidewater %s %s  duckdb %s %s%n",
                        item.name(), DialectSniffers.visible(truth.delimiter()), truth.header(), truth.columns(),
                        tidewaterRight ? "OK  " : "MISS", tidewaterRight ? "" : "(" + tidewater.describe() + ")",
                        duckDbRight ? "OK  " : "MISS", duckDbRight ? "" : "(" + duckDb.describe() + ")");
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("file", item.name());
                entry.put("truth", Map.of("delimiter", String.valueOf(truth.delimiter()), "header", truth.header(), "columns", truth.columns()));
                entry.put("tidewater", Map.of("correct", tidewaterRight, "found", tidewater.describe(), "medianMillis", round(tidewaterMillis)));
                entry.put("duckdb", Map.of("correct", duckDbRight, "found", duckDb.describe(), "medianMillis", round(duckDbMillis)));
                files.add(entry);
            }
        }
        double tidewaterMedian = median(tidewaterTimes.stream().mapToDouble(Double::doubleValue).toArray());
        double duckDbMedian = median(duckDbTimes.stream().mapToDouble(Double::doubleValue).toArray());
        System.out.printf(
                Locale.ROOT, "accuracy: tidewater %d/%d, duckdb %d/%d; median per-file time: tidewater %.2f ms, duckdb %.2f ms%n",
                tidewaterCorrect, cases.size(), duckDbCorrect, cases.size(), tidewaterMedian, duckDbMedian);
        Map<String, Object> messy = new LinkedHashMap<>();
        messy.put("seed", seed);
        messy.put("files", cases.size());
        messy.put("tidewaterCorrect", tidewaterCorrect);
        messy.put("duckdbCorrect", duckDbCorrect);
        messy.put("tidewaterMedianMillis", round(tidewaterMedian));
        messy.put("duckdbMedianMillis", round(duckDbMedian));
        messy.put("duckdbVersion", duckDbVersion);
        messy.put("perFile", files);
        report.put("messyCsv", messy);

        System.out.printf(
                Locale.ROOT,
                "RESULT crawl %s=%s largest=%s tidewater_accuracy=%d/%d duckdb_accuracy=%d/%d tidewater_median_ms=%.2f duckdb_median_ms=%.2f%n",
                ratioName, ratio == null ? "n/a" : "%.2f".formatted(ratio), Sizes.label(largest),
                tidewaterCorrect, cases.size(), duckDbCorrect, cases.size(), tidewaterMedian, duckDbMedian);
        Files.createDirectories(results);
        Path json = results.resolve("crawl-%s.json".formatted(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now())));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        System.out.println("wrote " + json);
    }

    private static double[] measure(int warmUp, int repetitions, Callable<?> work) throws Exception {
        for (int index = 0; index < warmUp; index++) {
            work.call();
        }
        double[] millis = new double[repetitions];
        for (int index = 0; index < repetitions; index++) {
            long started = System.nanoTime();
            work.call();
            millis[index] = (System.nanoTime() - started) / 1e6;
        }
        return millis;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String format(double[] times) {
        return Arrays.stream(times).mapToObj(time -> "%.2f".formatted(time)).toList().toString();
    }

    private static Map<String, Object> environment() {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("processors", Runtime.getRuntime().availableProcessors());
        environment.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        environment.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return environment;
    }

    private static String duckDbVersion(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int index = 0; index < args.length; index++) {
            if (!args[index].startsWith("--") || index + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "Cannot read argument " + args[index] + ": use [--max-size 1GB] [--dir DIR] [--results DIR] [--repetitions 5] [--seed 42]");
            }
            options.put(args[index], args[++index]);
        }
        return options;
    }
}
