package io.tidewater.inventory.ledger;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class ReportLedgerSqliteTest extends ReportLedgerContract {

    @TempDir
    Path directory;

    @Override
    String jdbcUrl() {
        return "jdbc:sqlite:" + directory.resolve("inventory-service.db");
    }
}
