package io.tidewater.loader.load;

import static java.util.Objects.requireNonNull;

import io.tidewater.contract.LoadJob;
import io.tidewater.contract.SourceFile;
import io.tidewater.loader.config.LoaderProperties;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where source files may be read from: {@code s3://} and {@code s3a://} objects in the configured buckets, and
 * {@code file:} URIs under the local source directory only when one is configured. Every way a load names its files
 * (the jobs queue, {@code POST /admin/jobs}, a static load by URI) passes here before anything is read, so that the
 * admin token and the jobs queue reach no other file of the host or the account.
 */
public final class SourceLocations {

    private static final Set<String> S3_SCHEMES = Set.of("s3", "s3a");

    private final List<String> buckets;
    private final Path localDirectory;
    private final boolean confined;

    private SourceLocations(List<String> buckets, Path localDirectory, boolean confined) {
        this.buckets = List.copyOf(buckets);
        this.localDirectory = localDirectory;
        this.confined = confined;
    }

    /** The locations the loader's configuration allows. */
    public static SourceLocations of(LoaderProperties properties) {
        requireNonNull(properties, "properties is null");
        return new SourceLocations(
                properties.sourceBuckets(),
                properties.localSourceDirectory() == null
                        ? null
                        : Path.of(properties.localSourceDirectory())
                                .toAbsolutePath()
                                .normalize(),
                true);
    }

    /**
     * Any location: for {@code spark-submit}, whose submitter already holds the cluster's rights and passes no admin
     * token or queue boundary.
     */
    static SourceLocations unconfined() {
        return new SourceLocations(List.of(), null, false);
    }

    /**
     * Refuses a job that names any file outside the allowed locations, naming every such file.
     *
     * @throws IllegalArgumentException "Cannot load ... into ...: ..." with each refused URI and the reason
     */
    public void requireAllowed(LoadJob job) {
        requireAllowed(job.table(), job.files().stream().map(SourceFile::uri).toList());
    }

    /**
     * Refuses any URI outside the allowed locations, naming every refused one.
     *
     * @throws IllegalArgumentException "Cannot load ... into ...: ..." with each refused URI and the reason
     */
    public void requireAllowed(String table, Collection<String> uris) {
        List<String> refusals = new ArrayList<>();
        for (String uri : uris) {
            refusal(uri).ifPresent(refusals::add);
        }
        if (!refusals.isEmpty()) {
            throw new IllegalArgumentException(
                    "Cannot load into %s: %s; %s".formatted(table, String.join("; ", refusals), allowed()));
        }
    }

    /** Why the URI may not be read, or empty when it may. */
    Optional<String> refusal(String uri) {
        if (!confined) {
            return Optional.empty();
        }
        if (uri == null || uri.isBlank()) {
            return Optional.of("a file has no URI");
        }
        URI parsed;
        try {
            // Parsed as Spark and the crawl open it, so that the bucket checked is the bucket read.
            parsed = new org.apache.hadoop.fs.Path(uri).toUri();
        } catch (IllegalArgumentException e) {
            return Optional.of("%s is not a URI (%s)".formatted(uri, e.getMessage()));
        }
        String scheme = parsed.getScheme() == null ? null : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null) {
            return Optional.of("%s has no scheme".formatted(uri));
        }
        if (S3_SCHEMES.contains(scheme)) {
            String authority = parsed.getRawAuthority();
            // The authority must be the bare bucket: user info or a port would name another bucket or endpoint.
            if (authority == null || !authority.equals(parsed.getHost())) {
                return Optional.of("%s names no plain bucket".formatted(uri));
            }
            return buckets.contains(authority)
                    ? Optional.empty()
                    : Optional.of("%s is in bucket %s".formatted(uri, authority));
        }
        if (scheme.equals("file") && localDirectory != null) {
            Path file = Path.of(parsed.getPath()).toAbsolutePath().normalize();
            return file.startsWith(localDirectory)
                    ? Optional.empty()
                    : Optional.of("%s is outside the local source directory %s".formatted(uri, localDirectory));
        }
        return Optional.of("%s has scheme %s".formatted(uri, scheme));
    }

    private String allowed() {
        String s3 = "only s3:// and s3a:// objects in the buckets %s can be loaded".formatted(buckets);
        return localDirectory == null ? s3 : s3 + ", and files under " + localDirectory;
    }
}
