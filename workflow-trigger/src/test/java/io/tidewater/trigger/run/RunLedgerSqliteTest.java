package io.tidewater.trigger.run;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class RunLedgerSqliteTest extends RunLedgerContract {

    @TempDir
    Path directory;

    @Override
    String jdbcUrl() {
        return "jdbc:sqlite:" + directory.resolve("workflow-trigger.db");
    }
}
