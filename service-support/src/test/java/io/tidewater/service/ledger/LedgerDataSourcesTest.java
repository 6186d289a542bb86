package io.tidewater.service.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

class LedgerDataSourcesTest {

    @TempDir
    Path directory;

    @Test
    void opensSqliteWithAWriteAheadLogSyncedAtEveryCommit() {
        String url = LedgerDataSources.withDurableWriteAheadLog("jdbc:sqlite:" + directory.resolve("ledger.db"));

        try (HikariDataSource dataSource = LedgerDataSources.open("workflow-trigger", url, null, null, 1)) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            assertThat(jdbc.sql("PRAGMA journal_mode").query(String.class).single())
                    .isEqualTo("wal");
            assertThat(jdbc.sql("PRAGMA synchronous").query(Integer.class).single())
                    .as("2 is FULL")
                    .isEqualTo(2);
        }
    }

    @Test
    void keepsWhatTheUrlChoosesAndLeavesOtherDatabasesAlone() {
        assertThat(LedgerDataSources.withDurableWriteAheadLog("jdbc:sqlite:a.db?synchronous=NORMAL"))
                .isEqualTo("jdbc:sqlite:a.db?synchronous=NORMAL&journal_mode=WAL");
        assertThat(LedgerDataSources.withDurableWriteAheadLog("jdbc:sqlite:a.db?journal_mode=DELETE"))
                .isEqualTo("jdbc:sqlite:a.db?journal_mode=DELETE&synchronous=FULL");
        assertThat(LedgerDataSources.withDurableWriteAheadLog("jdbc:postgresql://db/ledger"))
                .isEqualTo("jdbc:postgresql://db/ledger");
    }
}
