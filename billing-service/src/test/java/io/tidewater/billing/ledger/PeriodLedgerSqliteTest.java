package io.tidewater.billing.ledger;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class PeriodLedgerSqliteTest extends PeriodLedgerContract {

    @TempDir
    Path directory;

    @Override
    String jdbcUrl() {
        return "jdbc:sqlite:" + directory.resolve("billing-service.db");
    }
}
