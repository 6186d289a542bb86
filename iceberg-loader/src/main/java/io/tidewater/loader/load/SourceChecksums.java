package io.tidewater.loader.load;

import io.tidewater.contract.LoadJob;
import io.tidewater.contract.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Checks a job's files against the MD5s their manifest declares, beside the write and before anything is published: a
 * file that changed or arrived damaged leaves its rows staged, never in the table. Only the stored bytes are digested
 * (no decompression, no parsing), so the check costs a fraction of the read Spark does anyway.
 */
final class SourceChecksums {

    private final LoadJob job;
    private final CompletableFuture<List<String>> mismatches;

    private SourceChecksums(LoadJob job, CompletableFuture<List<String>> mismatches) {
        this.job = job;
        this.mismatches = mismatches;
    }

    /**
     * Starts digesting the files that declare an MD5, through the Hadoop file systems Spark reads them with.
     *
     * @param hadoop the job session's Hadoop configuration: the same endpoint and credentials as the read
     */
    static SourceChecksums start(LoadJob job, Configuration hadoop, Executor executor) {
        List<SourceFile> declared = job.files().stream()
                .filter(file -> file.md5() != null && !file.md5().isBlank())
                .toList();
        if (declared.isEmpty()) {
            return new SourceChecksums(job, CompletableFuture.completedFuture(List.of()));
        }
        return new SourceChecksums(job, CompletableFuture.supplyAsync(() -> mismatches(declared, hadoop), executor));
    }

    /**
     * Waits for the digests.
     *
     * @throws InvalidLoadJobException naming every file whose MD5 differs, with both values
     * @throws RetryableLoadException when a file could not be read to the end
     */
    void requireMatch() {
        List<String> found;
        try {
            found = mismatches.join();
        } catch (CompletionException e) {
            throw new RetryableLoadException(
                    "Cannot check the MD5s of %s for %s: %s"
                            .formatted(
                                    LoadJobRunner.describeFiles(job),
                                    job.table(),
                                    e.getCause().getMessage()),
                    e.getCause());
        }
        if (!found.isEmpty()) {
            throw new InvalidLoadJobException(
                    "Cannot load into %s: %s; nothing was published".formatted(job.table(), String.join("; ", found)),
                    null);
        }
    }

    private static List<String> mismatches(List<SourceFile> files, Configuration hadoop) {
        List<String> mismatches = new ArrayList<>();
        for (SourceFile file : files) {
            String actual = md5(file.uri(), hadoop);
            if (!actual.equalsIgnoreCase(file.md5())) {
                mismatches.add("%s has MD5 %s but its manifest says %s".formatted(file.uri(), actual, file.md5()));
            }
        }
        return mismatches;
    }

    private static String md5(String uri, Configuration hadoop) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute MD5: the JVM lacks it", e);
        }
        Path path = new Path(uri);
        try (InputStream in = path.getFileSystem(hadoop).open(path)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read %s: %s".formatted(uri, e.getMessage()), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
