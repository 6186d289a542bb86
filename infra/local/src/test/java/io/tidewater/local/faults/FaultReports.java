package io.tidewater.local.faults;

import io.tidewater.local.demo.InventoryReport;
import io.tidewater.local.demo.InventoryReportGenerator;
import io.tidewater.local.demo.ReportUploader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/** Small generated inventory reports, one source bucket each, and ways to send them as faults need. */
public final class FaultReports {

    /** The bucket S3 Inventory delivers to in the local stack. */
    public static final String DESTINATION_BUCKET = "tidewater-inventory";

    private FaultReports() {}

    /** Generates {@code count} reports of {@code rows} rows in {@code files} data files each. */
    public static List<SentReport> generate(Path directory, String prefix, int count, long rows, int files, long seed) {
        Instant createdAt = Instant.parse("2026-11-30T01:00:00Z").truncatedTo(ChronoUnit.MINUTES);
        List<SentReport> reports = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            String sourceBucket = "%s-%02d".formatted(prefix, index);
            Instant reportTime = createdAt.plus(index, ChronoUnit.MINUTES);
            InventoryReport report = new InventoryReportGenerator(seed + index)
                    .generate(directory.resolve(sourceBucket), sourceBucket, rows, files, reportTime);
            reports.add(new SentReport(report, reportTime));
        }
        return List.copyOf(reports);
    }

    /** Uploads the reports from several threads in a shuffled order, each in AWS's order of its own files. */
    public static void uploadShuffled(S3Client s3, List<SentReport> reports, long seed) {
        List<SentReport> shuffled = new ArrayList<>(reports);
        Collections.shuffle(shuffled, new Random(seed));
        ReportUploader uploader = new ReportUploader(s3, DESTINATION_BUCKET);
        ExecutorService threads = Executors.newFixedThreadPool(Math.min(4, Math.max(1, shuffled.size())));
        try {
            CompletableFuture.allOf(shuffled.stream()
                            .map(report -> CompletableFuture.runAsync(() -> uploader.upload(report.report()), threads))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } finally {
            threads.shutdown();
        }
    }

    /**
     * Uploads as {@link #uploadShuffled} does, and says whether every upload went through: a stack that halts at a
     * crash point takes its S3 endpoint with it. A report cut off half way is uploaded whole again later.
     */
    public static boolean tryUploadShuffled(S3Client s3, List<SentReport> reports, long seed) {
        try {
            uploadShuffled(s3, reports, seed);
            return true;
        } catch (CompletionException | SdkClientException e) {
            return false;
        }
    }

    /** Uploads the report with a completion marker that does not match its manifest: it must be dead-lettered. */
    public static void uploadWithBadChecksum(S3Client s3, SentReport report) {
        try {
            Files.writeString(report.report().checksum().path(), "00000000000000000000000000000000\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spoil the checksum of " + report.idempotencyKey(), e);
        }
        new ReportUploader(s3, DESTINATION_BUCKET).upload(report.report());
    }

    /** Uploads the report's completion marker again from {@code copies} threads at once: S3 announces each. */
    public static void reuploadMarkerConcurrently(S3Client s3, SentReport report, int copies) {
        InventoryReport.UploadedFile marker = report.report().checksum();
        ExecutorService threads = Executors.newFixedThreadPool(copies);
        try {
            CompletableFuture.allOf(java.util.stream.IntStream.range(0, copies)
                            .mapToObj(copy -> CompletableFuture.runAsync(
                                    () -> s3.putObject(
                                            request -> request.bucket(DESTINATION_BUCKET)
                                                    .key(marker.key()),
                                            software.amazon.awssdk.core.sync.RequestBody.fromFile(marker.path())),
                                    threads))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } finally {
            threads.shutdown();
        }
    }
}
