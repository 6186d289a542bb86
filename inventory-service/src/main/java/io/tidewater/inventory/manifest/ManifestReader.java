package io.tidewater.inventory.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Reads a report's manifest, verifies it against {@code manifest.checksum}, and finds its data files. */
@Component
public class ManifestReader {

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final S3Client s3;

    ManifestReader(S3Client s3) {
        this.s3 = s3;
    }

    /** The verified manifest, with every data file's key resolved to where the file is. */
    public VerifiedManifest read(ReportLocation location) {
        byte[] manifestBytes = get(location.bucket(), location.manifestKey()).asByteArray();
        String expected = get(location.bucket(), location.checksumKey())
                .asString(StandardCharsets.UTF_8)
                .trim();
        String actual = md5(manifestBytes);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new InvalidReportException(
                    "Cannot accept report s3://%s/%s: manifest.json has MD5 %s but manifest.checksum says %s"
                            .formatted(location.bucket(), location.manifestKey(), actual, expected));
        }
        return withFiles(location, parse(location, manifestBytes));
    }

    /**
     * A manifest passed inline, as the original filemanager lambda took it: there is no {@code manifest.checksum} to
     * verify it against, so the caller vouches for it. Its data files are looked up in {@code bucket}, or in the
     * manifest's {@code destinationBucket} when {@code bucket} is {@code null}.
     */
    public VerifiedManifest readInline(String bucket, String manifestJson) {
        ReportLocation provisional = new ReportLocation(bucket == null ? "inline" : bucket, "");
        InventoryManifest manifest = parse(provisional, manifestJson.getBytes(StandardCharsets.UTF_8));
        String target = bucket != null && !bucket.isBlank() ? bucket : bucketOf(manifest.destinationBucket());
        if (target == null) {
            throw new InvalidReportException(
                    "Cannot accept inline manifest of %s: give a bucket, the manifest has no destinationBucket"
                            .formatted(manifest.sourceBucket()));
        }
        // AWS lists full keys <prefix>/<source>/<config>/data/<file>: the report folder sits beside data/.
        String firstKey = manifest.files().get(0).key();
        int data = firstKey.lastIndexOf("/data/");
        String configurationFolder = data < 0 ? "" : firstKey.substring(0, data + 1);
        ReportLocation location =
                new ReportLocation(target, configurationFolder + "inline-" + manifest.creationTimestamp() + "/");
        return withFiles(location, manifest);
    }

    private VerifiedManifest withFiles(ReportLocation location, InventoryManifest manifest) {
        List<ResolvedFile> files = manifest.files().stream()
                .map(file -> new ResolvedFile(resolve(location, file), file))
                .toList();
        return new VerifiedManifest(location, manifest, files);
    }

    private static String bucketOf(String destinationBucket) {
        if (destinationBucket == null || destinationBucket.isBlank()) {
            return null;
        }
        return destinationBucket.startsWith("arn:aws:s3:::")
                ? destinationBucket.substring("arn:aws:s3:::".length())
                : destinationBucket;
    }

    private InventoryManifest parse(ReportLocation location, byte[] bytes) {
        try {
            InventoryManifest manifest = JSON.readValue(bytes, InventoryManifest.class);
            if (manifest.files() == null || manifest.files().isEmpty()) {
                throw new InvalidReportException("Cannot accept report s3://%s/%s: the manifest lists no files"
                        .formatted(location.bucket(), location.manifestKey()));
            }
            if (manifest.creationTimestamp() == null || manifest.fileFormat() == null) {
                throw new InvalidReportException(
                        "Cannot accept report s3://%s/%s: creationTimestamp or fileFormat is missing"
                                .formatted(location.bucket(), location.manifestKey()));
            }
            List<String> problems = problems(manifest);
            if (!problems.isEmpty()) {
                throw new InvalidReportException("Cannot accept report s3://%s/%s: %s"
                        .formatted(location.bucket(), location.manifestKey(), String.join("; ", problems)));
            }
            return manifest;
        } catch (JsonProcessingException e) {
            throw new InvalidReportException(
                    "Cannot read manifest s3://%s/%s: %s"
                            .formatted(location.bucket(), location.manifestKey(), e.getOriginalMessage()),
                    e);
        } catch (java.io.IOException e) {
            throw new InvalidReportException(
                    "Cannot read manifest s3://%s/%s: %s"
                            .formatted(location.bucket(), location.manifestKey(), e.getMessage()),
                    e);
        }
    }

    /** What a manifest that parsed as JSON still gets wrong, all at once. */
    private static List<String> problems(InventoryManifest manifest) {
        List<String> problems = new ArrayList<>();
        if (!manifest.creationTimestamp().matches("[0-9]{1,19}")) {
            problems.add("creationTimestamp '%s' is not epoch milliseconds".formatted(manifest.creationTimestamp()));
        }
        for (int index = 0; index < manifest.files().size(); index++) {
            InventoryManifest.DataFile file = manifest.files().get(index);
            if (file == null || file.key() == null || file.key().isBlank()) {
                problems.add("files[%d] has no key".formatted(index));
            } else if (file.size() < 0) {
                problems.add("files[%d] (%s) has size %d".formatted(index, file.key(), file.size()));
            }
        }
        return problems;
    }

    /**
     * A data file outside the configuration's folder (a key naming another prefix, or climbing out with {@code ..})
     * is refused: a manifest may only load the files its own inventory configuration wrote.
     */
    private static void requireWithinConfiguration(ReportLocation location, String key) {
        boolean climbs = List.of(key.split("/", -1)).stream().anyMatch(part -> part.equals("..") || part.equals("."));
        if (climbs || (key.contains("/") && !key.startsWith(location.configurationFolder()))) {
            throw new InvalidReportException(
                    "Cannot accept report s3://%s/%s: data file %s lies outside the configuration folder %s"
                            .formatted(location.bucket(), location.manifestKey(), key, location.configurationFolder()));
        }
    }

    /**
     * AWS lists full keys; copies of reports (and test fixtures) sometimes list bare file names, which live in the
     * configuration's {@code data/} folder or beside the manifest.
     */
    private String resolve(ReportLocation location, InventoryManifest.DataFile file) {
        String key = file.key();
        requireWithinConfiguration(location, key);
        List<String> candidates = key.contains("/")
                ? List.of(key)
                : List.of(key, location.configurationFolder() + "data/" + key, location.folder() + key);
        for (String candidate : candidates) {
            OptionalLong size = size(location.bucket(), candidate);
            if (size.isPresent()) {
                // The crawl reads ranges up to the declared size: a wrong size would read past the end or stop short.
                if (size.getAsLong() != file.size()) {
                    throw new InvalidReportException(
                            "Cannot accept report s3://%s/%s: data file %s has %d bytes but the manifest says %d"
                                    .formatted(
                                            location.bucket(),
                                            location.manifestKey(),
                                            candidate,
                                            size.getAsLong(),
                                            file.size()));
                }
                return candidate;
            }
        }
        throw new InvalidReportException("Cannot find data file %s of report s3://%s/%s: looked at %s"
                .formatted(key, location.bucket(), location.manifestKey(), candidates));
    }

    private OptionalLong size(String bucket, String key) {
        try {
            return OptionalLong.of(
                    s3.headObject(request -> request.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException e) {
            return OptionalLong.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    private ResponseBytes<GetObjectResponse> get(String bucket, String key) {
        try {
            return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new InvalidReportException("Cannot read s3://%s/%s: no such object".formatted(bucket, key), e);
        }
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot compute MD5: the JVM lacks it", e);
        }
    }

    /** A data file and the key it was found at. */
    public record ResolvedFile(String key, InventoryManifest.DataFile declared) {}

    /** A manifest whose checksum matched, and its data files. */
    public record VerifiedManifest(ReportLocation location, InventoryManifest manifest, List<ResolvedFile> files) {}
}
