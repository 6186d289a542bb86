package io.tidewater.local.faults;

import static org.awaitility.Awaitility.await;

import io.tidewater.local.launcher.TidewaterCommand;
import io.tidewater.service.faults.CrashPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./tidewater up --data-dir DIR} in a child JVM, started as the {@code tidewater} script starts it (same
 * classpath, the Spark module flags), so that a test can kill it with SIGKILL or let it halt at a named crash point and
 * start it again on the same data directory.
 */
public final class ChildStack implements AutoCloseable {

    private static final String UP_LINE = "Tidewater is up.";
    /** What a JVM halted at a crash point exits with, as one killed by SIGKILL does. */
    public static final int CRASHED_STATUS = 137;
    // Generous: on a busy 2-core machine Spark and four services have taken over 100 s to start.
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final Process process;
    private final Path stdout;
    private final Path log;
    private final long startMillis;

    private ChildStack(Process process, Path stdout, Path log, long startMillis) {
        this.process = process;
        this.stdout = stdout;
        this.log = log;
        this.startMillis = startMillis;
    }

    /**
     * Starts the stack and returns once it says it is up, or, with a crash point, once it halted there.
     *
     * @param crashAt the crash point the child halts at, if any
     * @param generation a number for this start's output files
     */
    public static ChildStack start(Path dataDirectory, Path config, Optional<CrashPoint> crashAt, int generation) {
        long started = System.nanoTime();
        Path stdout = dataDirectory.resolveSibling("child-" + generation + ".out");
        Path log = dataDirectory.resolveSibling("child-" + generation + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(sparkFlags());
        command.add("-Xmx1536m");
        command.add("-Dserver.port=0");
        command.add("-Dtidewater.log-file=" + log);
        crashAt.ifPresent(point -> command.add("-D" + CrashPoint.PROPERTY + "=" + point.pointName()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TidewaterCommand.class.getName());
        command.add("up");
        command.add("--data-dir=" + dataDirectory);
        command.add("--config=" + config);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(stdout.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the child stack: " + e.getMessage(), e);
        }
        ChildStack child = new ChildStack(process, stdout, log, 0);
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    // Work left in flight by the last crash can reach the crash point while the stack starts.
                    if (crashAt.isPresent() && process.exitValue() == CRASHED_STATUS) {
                        return true;
                    }
                    throw new IllegalStateException("Cannot start the child stack: it exited with "
                            + process.exitValue() + "; output:\n" + child.output());
                }
                return child.output().contains(UP_LINE);
            });
        } catch (RuntimeException e) {
            child.kill();
            throw e;
        }
        return new ChildStack(process, stdout, log, (System.nanoTime() - started) / 1_000_000);
    }

    /** The flags the {@code tidewater} script passes for Spark, as this JVM got them from the build. */
    private static List<String> sparkFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("--add-opens")
                        || flag.equals("-XX:+IgnoreUnrecognizedVMOptions")
                        || flag.startsWith("-Djdk.reflect.")
                        || flag.startsWith("-Dio.netty."))
                .toList();
    }

    /** How long the start took until the stack said it is up. */
    public long startMillis() {
        return startMillis;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the child to end by itself (a crash point) and returns its exit status. */
    public int awaitExit(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> !process.isAlive());
        return process.exitValue();
    }

    /** {@code kill -9}: {@link Process#destroyForcibly()} is SIGKILL on Linux. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String output() {
        try {
            return Files.exists(stdout) ? Files.readString(stdout) : "";
        } catch (IOException e) {
            return "(cannot read " + stdout + ": " + e.getMessage() + ")";
        }
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
