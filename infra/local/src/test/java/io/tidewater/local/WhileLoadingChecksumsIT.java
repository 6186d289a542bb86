package io.tidewater.local;

import static io.tidewater.local.fixtures.HandmadeReport.gzip;
import static io.tidewater.local.fixtures.HandmadeReport.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewater.local.fixtures.DeadLetters;
import io.tidewater.local.fixtures.HandmadeReport;
import io.tidewater.local.fixtures.LocalPipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data-file-checksums: while-loading} sends the load job before inventory-service has read the data files; the
 * loader checks their MD5s itself before it publishes, so a damaged file still loads nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhileLoadingChecksumsIT {

    private static final String SOURCE = "while-loading";
    private static final String LOAD_JOBS_DLQ = "tidewater-load-jobs-dlq";
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(120);

    private LocalPipeline pipeline;
    private DeadLetters deadLetters;

    @BeforeAll
    void startPipeline(@TempDir Path dataDirectory) {
        pipeline =
                LocalPipeline.start(dataDirectory, Map.of("tidewater.inventory.data-file-checksums", "while-loading"));
        deadLetters = new DeadLetters(pipeline);
    }

    @AfterAll
    void stopPipeline() throws Exception {
        if (deadLetters != null) {
            deadLetters.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void reportWhoseFilesMatchTheirManifestLoads() {
        HandmadeReport.csv(SOURCE, "intact")
                .dataFile("first.csv.gz", gzip(rows("intact-a", 3)))
                .dataFile("second.csv.gz", gzip(rows("intact-b", 2)))
                .upload(this::put);

        await().atMost(LOAD_TIMEOUT)
                .untilAsserted(() -> assertThat(rowsOf("intact")).isEqualTo(5));
    }

    @Test
    void fileWhoseMd5DiffersFromTheManifestLoadsNothingAndParksTheJobWithBothMd5s() {
        byte[] damaged = gzip(rows("damaged-b", 2));
        HandmadeReport report = HandmadeReport.csv(SOURCE, "damaged")
                .dataFile("first.csv.gz", gzip(rows("damaged-a", 3)))
                .dataFile("second.csv.gz", damaged)
                .manifest(manifest -> ((ObjectNode) manifest.get("files").get(1))
                        .put("MD5checksum", "00000000000000000000000000000000"));
        report.upload(this::put);

        await().atMost(LOAD_TIMEOUT)
                .untilAsserted(() -> assertThat(deadLetters.mentioning(LOAD_JOBS_DLQ, "damaged/data/second.csv.gz"))
                        .singleElement()
                        .satisfies(letter -> assertThat(letter.reason())
                                .contains(report.dataKey("second.csv.gz") + " has MD5 " + HandmadeReport.md5(damaged))
                                .contains("its manifest says 00000000000000000000000000000000")
                                .endsWith("nothing was published")));
        assertThat(rowsOf("damaged")).as("rows of the report's intact file too").isZero();
    }

    private long rowsOf(String configuration) {
        return pipeline.countOrZeroWithoutTable(
                "SELECT count(*) FROM inventory.objects WHERE inventory_configuration = '" + configuration + "'");
    }

    private void put(String key, byte[] content) {
        pipeline.uploadBytes(HandmadeReport.BUCKET, key, content);
    }
}
