package io.tidewater.local.launcher;

import io.tidewater.local.services.LocalServices;
import io.tidewater.local.stack.LocalStack;
import io.tidewater.local.stack.LocalStackProperties;
import java.io.PrintStream;
import java.nio.file.Path;

/** The local stack and the four services, started together and stopped together. */
final class RunningStack implements AutoCloseable {

    private final LocalStack stack;
    private final LocalServices services;

    private RunningStack(LocalStack stack, LocalServices services) {
        this.stack = stack;
        this.services = services;
    }

    static RunningStack start(Path dataDirectory, PrintStream progress) {
        return start(LocalStackProperties.defaults(), dataDirectory, progress);
    }

    static RunningStack start(LocalStackProperties properties, Path dataDirectory, PrintStream progress) {
        long started = System.nanoTime();
        LocalStack stack = LocalStack.start(properties, dataDirectory);
        progress.printf(
                "Local S3 on %s and SQS on %s (%d ms)%n",
                stack.s3Endpoint(), stack.sqsEndpoint(), millisSince(started));
        try {
            LocalServices services = LocalServices.start(stack);
            progress.printf("Services started (%d ms)%n", millisSince(started));
            return new RunningStack(stack, services);
        } catch (RuntimeException e) {
            closeQuietly(stack, e);
            throw e;
        }
    }

    LocalStack stack() {
        return stack;
    }

    LocalServices services() {
        return services;
    }

    static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    private static void closeQuietly(AutoCloseable closeable, Exception cause) {
        try {
            closeable.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            services.close();
        } finally {
            stack.close();
        }
    }
}
