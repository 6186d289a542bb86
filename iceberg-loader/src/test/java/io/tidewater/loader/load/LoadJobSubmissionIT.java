package io.tidewater.loader.load;

import static io.tidewater.loader.load.LocalLoader.column;
import static io.tidewater.loader.load.LocalLoader.csvJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.MessageJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The spark-submit main on the session that already runs (as spark-submit or a managed Spark cluster gives it), with a
 * CSV file and a JDBC catalog on SQLite.
 */
class LoadJobSubmissionIT {

    private final LocalLoader loader = LocalLoader.get();

    @Test
    void jobFromAFileLoadsIntoTheSessionsCatalogAndASecondSubmissionIsANoOp() throws IOException {
        LoadJob job = csvJob(
                "submitted.objects",
                "submitted-1",
                "addNewColumns",
                List.of(column("id", "long"), column("name", "string")),
                loader.csv("submitted.csv", "id,name", "1,a", "2,b", "3,c"));
        Path jobFile = Files.writeString(loader.directory.resolve("submitted-job.json"), MessageJson.write(job));

        SubmittedJob first = SubmittedJob.run(null, jobFile.toString(), "--catalog", "tidewater");
        SubmittedJob second = SubmittedJob.run(null, jobFile.toString(), "--catalog", "tidewater");

        assertThat(first.status()).as(first.err()).isEqualTo(LoadJobSubmission.LOADED);
        LoadResult.LoadCompleted loaded = first.completed();
        assertThat(loaded.rowsWritten()).isEqualTo(3);
        assertThat(loaded.alreadyLoaded()).isFalse();
        assertThat(second.status()).as(second.err()).isEqualTo(LoadJobSubmission.LOADED);
        assertThat(second.completed().alreadyLoaded()).isTrue();
        assertThat(second.completed().rowsWritten()).isZero();
        assertThat(second.completed().snapshotId()).isEqualTo(loaded.snapshotId());
        assertThat(loader.count("SELECT count(*) FROM tidewater.submitted.objects"))
                .isEqualTo(3);
    }

    @Test
    void jobOnStandardInputLoadsIntoACatalogConfiguredFromAPropertiesFile() throws IOException {
        Path catalogDirectory = Files.createDirectories(loader.directory.resolve("backfill"));
        Path properties = Files.writeString(
                catalogDirectory.resolve("catalog.properties"),
                String.join(
                        "\n",
                        "type=jdbc",
                        "uri=jdbc:sqlite:" + catalogDirectory.resolve("catalog.db"),
                        "jdbc.schema-version=V1",
                        "warehouse=" + catalogDirectory.resolve("warehouse").toUri(),
                        "cache-enabled=false"));
        LoadJob job = csvJob(
                "backfilled.objects",
                "backfill-1",
                "addNewColumns",
                List.of(column("id", "long"), column("size", "long")),
                loader.csv("backfill.csv", "id,size", "1,10", "2,not-a-number", "3,30"));

        SubmittedJob submission = SubmittedJob.run(
                MessageJson.write(job), "-", "--catalog", "backfill", "--catalog-properties", properties.toString());

        assertThat(submission.status()).as(submission.err()).isEqualTo(LoadJobSubmission.LOADED);
        assertThat(submission.completed().rowsWritten()).isEqualTo(2);
        assertThat(submission.completed().rowsQuarantined()).isEqualTo(1);
        assertThat(loader.count("SELECT count(*) FROM backfill.backfilled.objects"))
                .isEqualTo(2);
        assertThat(loader.count("SELECT count(*) FROM backfill.backfilled.objects_quarantine"))
                .isEqualTo(1);
        assertThat(Files.list(catalogDirectory.resolve("warehouse"))).isNotEmpty();
    }

    @Test
    void jobWhoseFileIsMissingExitsWithTwoAndReportsItAsNotRetryable() throws IOException {
        Path file = loader.csv("no-such-file.csv", "id", "1");
        LoadJob job = csvJob("submitted.missing", "missing-1", "addNewColumns", List.of(column("id", "long")), file);
        Files.delete(file);

        SubmittedJob submission = SubmittedJob.run(MessageJson.write(job), "-");

        assertThat(submission.status()).isEqualTo(LoadJobSubmission.INVALID_INPUT);
        LoadResult.LoadFailed failed = submission.failed();
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.reason()).startsWith("Cannot load ").contains("no-such-file.csv");
    }

    @Test
    void malformedJobJsonOrArgumentsExitWithTwoAndNameTheProblem() {
        SubmittedJob malformed = SubmittedJob.run("{\"jobId\": \"j1\"}", "-");
        SubmittedJob unknownOption = SubmittedJob.run(null, "job.json", "--catalgo", "x");
        SubmittedJob notIceberg = SubmittedJob.run("{}", "-", "--catalog", "spark_catalog");

        assertThat(malformed.status()).isEqualTo(LoadJobSubmission.INVALID_INPUT);
        assertThat(malformed.err()).contains("Cannot submit load job -: Cannot read LoadJob from JSON");
        assertThat(unknownOption.status()).isEqualTo(LoadJobSubmission.INVALID_INPUT);
        assertThat(unknownOption.err())
                .contains("Cannot submit load job: unexpected argument '--catalgo'")
                .contains("Usage: spark-submit --class io.tidewater.loader.load.LoadJobSubmission");
        assertThat(notIceberg.status()).isEqualTo(LoadJobSubmission.INVALID_INPUT);
        assertThat(notIceberg.err()).contains("catalog 'spark_catalog' is not an Iceberg catalog");
    }

    @Test
    void catalogThatCannotBeOpenedExitsWithOneAsRetryable() throws IOException {
        Path properties = Files.writeString(
                loader.directory.resolve("unreachable.properties"),
                "type=jdbc\nuri=jdbc:sqlite:" + loader.directory.resolve("no-such-directory/catalog.db")
                        + "\njdbc.schema-version=V1\nwarehouse="
                        + loader.directory.resolve("unreachable").toUri());
        LoadJob job = csvJob(
                "submitted.unreachable",
                "unreachable-1",
                "addNewColumns",
                List.of(column("id", "long")),
                loader.csv("unreachable.csv", "id", "1"));

        SubmittedJob submission = SubmittedJob.run(
                MessageJson.write(job), "-", "--catalog", "unreachable", "--catalog-properties", properties.toString());

        assertThat(submission.status()).isEqualTo(LoadJobSubmission.RETRYABLE_FAILURE);
        LoadResult.LoadFailed failed = submission.failed();
        assertThat(failed.retryable()).isTrue();
        assertThat(failed.reason()).startsWith("Cannot load job " + job.jobId() + " into submitted.unreachable");
    }
}
