package io.tidewater.loader.load;

import static io.tidewater.loader.load.LocalLoader.column;
import static io.tidewater.loader.load.LocalLoader.csvJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job's null token reads as null in every column, typed ones included, and the load records it. */
class NullTokensIT {

    private final LocalLoader loader = LocalLoader.get();

    @Test
    void nullTokenWhereNumbersAndTextStandLoadsAsNullAndIsRecordedWithTheLoad() {
        LoadJob job = csvJob(
                "tests.null_tokens",
                "null-tokens-1",
                "addNewColumns",
                List.of(column("cost", "double"), column("zone", "string"), column("day", "date")),
                loader.csv(
                        "null-tokens.csv",
                        "cost,zone,day",
                        "1.5,\"us-east-1a\",2024-09-01",
                        "NULL,NULL,NULL",
                        ",\"\",",
                        "2.5,\"NULL\",2024-09-02"));
        LoadJob withToken = job.withReaderOptions(job.readerOptions().withNullTokens(List.of("", "NULL")));

        LoadResult.LoadCompleted completed = loader.runner.run(withToken);

        assertThat(completed.rowsWritten()).isEqualTo(4);
        assertThat(completed.rowsQuarantined()).isZero();
        assertThat(loader.count("SELECT count(*) FROM tests.null_tokens WHERE cost IS NULL"))
                .isEqualTo(2);
        assertThat(loader.count("SELECT count(*) FROM tests.null_tokens WHERE day IS NULL"))
                .isEqualTo(2);
        assertThat(loader.count("SELECT count(*) FROM tests.null_tokens WHERE zone IS NULL"))
                .as("Spark's reader takes the token also in quotes: a file that quotes the text NULL is read as null")
                .isEqualTo(3);
        assertThat(loader.table("tests.null_tokens").currentSnapshot().summary())
                .containsEntry(LoadHistory.NULL_TOKENS, "NULL");
    }
}
