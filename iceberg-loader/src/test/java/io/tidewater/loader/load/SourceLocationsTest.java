package io.tidewater.loader.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.loader.config.LoaderProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceLocationsTest {

    private static SourceLocations locations(String localDirectory) {
        return SourceLocations.of(new LoaderProperties(
                List.of("jobs"),
                1,
                new LoaderProperties.Catalog("tidewater", Map.of()),
                new LoaderProperties.Spark("local[1]", Map.of()),
                1,
                Map.of(),
                LoaderProperties.Limits.DEFAULTS,
                List.of("reports", "exports"),
                localDirectory));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "s3://reports/inventory/data/part-0.csv.gz",
                "s3a://exports/billing/2026-01/part 1.parquet",
                "S3://reports/upper-case-scheme.csv"
            })
    void objectsInTheSourceBucketsAreAllowed(String uri) {
        assertThat(locations(null).refusal(uri)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:///etc/passwd",
                "/etc/passwd",
                "relative/data.csv",
                "hdfs://namenode/data.csv",
                "http://example.com/data.csv",
                "s3://other-bucket/data.csv",
                "s3://reports@other-bucket/data.csv",
                "s3://reports:9000/data.csv",
                "gs://reports/data.csv",
                "s3:/reports/data.csv"
            })
    void anythingElseIsRefused(String uri) {
        assertThat(locations(null).refusal(uri)).isPresent();
    }

    @Test
    void aFileUnderTheLocalSourceDirectoryIsAllowedOnlyWhenOneIsConfigured() {
        assertThat(locations("/srv/sources").refusal("file:///srv/sources/a.csv"))
                .isEmpty();
        assertThat(locations("/srv/sources").refusal("file:///srv/sources/../secrets/a.csv"))
                .contains("file:///srv/sources/../secrets/a.csv is outside the local source directory /srv/sources");
        assertThat(locations(null).refusal("file:///srv/sources/a.csv"))
                .contains("file:///srv/sources/a.csv has scheme file");
    }

    @Test
    void aRefusedJobNamesEveryRefusedFileAndTheAllowedBuckets() {
        assertThatThrownBy(() -> locations(null)
                        .requireAllowed(
                                "inventory.objects",
                                List.of("s3://reports/ok.csv", "file:///etc/passwd", "s3://elsewhere/x.csv")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot load into inventory.objects: file:///etc/passwd has scheme file;"
                        + " s3://elsewhere/x.csv is in bucket elsewhere; only s3:// and s3a:// objects in the buckets"
                        + " [reports, exports] can be loaded");
    }

    @Test
    void unconfinedLocationsAllowAnyUri() {
        assertThat(SourceLocations.unconfined().refusal("file:///tmp/job-input.csv"))
                .isEmpty();
    }
}
