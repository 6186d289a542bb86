package io.tidewater.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes a benchmark's result record as JSON under the results directory, with the machine it ran on. */
final class ResultFiles {

    /** What the figures were measured on. */
    record Machine(int processors, long maxHeapBytes, String javaVersion, String cpuModel, Instant measuredAt) {
        static Machine current() {
            return new Machine(
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory(),
                    System.getProperty("java.version"),
                    readCpuModel(),
                    Instant.now());
        }

        private static String readCpuModel() {
            try {
                return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                        .filter(line -> line.startsWith("model name"))
                        .map(line -> line.substring(line.indexOf(':') + 1).trim())
                        .findFirst()
                        .orElse("unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }

    /** The file's content: the benchmark's own record beside the machine and the JVM's arguments. */
    record ResultFile(String benchmark, Machine machine, java.util.List<String> jvmArguments, Object result) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ResultFiles() {}

    static Path write(Path directory, String benchmark, Object result) {
        ResultFile file = new ResultFile(
                benchmark,
                Machine.current(),
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                result);
        Path path = directory.resolve(benchmark + "-" + STAMP.format(Instant.now()) + ".json");
        try {
            Files.createDirectories(directory);
            JSON.writeValue(path.toFile(), file);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write results to " + path + ": " + e.getMessage(), e);
        }
    }
}
