package io.tidewater.trigger.run;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class RunLedgerSqliteTest extends RunLedgerContract {

    @TempDir
    Path directory;

    @Override
    String jdbcUrl() {
        // As LedgerConfiguration opens it: write-ahead log, synced at every commit.
        return "jdbc:sqlite:" + directory.resolve("workflow-trigger.db") + "?journal_mode=WAL&synchronous=FULL";
    }
}
