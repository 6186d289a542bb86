package io.tidewater.billing.ledger;

import io.tidewater.service.ledger.ScratchPostgres;
import org.junit.jupiter.api.AfterEach;

/**
 * The ledger on PostgreSQL: the one on 127.0.0.1:5432 in a scratch schema, or an embedded one where nothing answers
 * there.
 */
class PeriodLedgerPostgresIT extends PeriodLedgerContract {

    private ScratchPostgres database;

    @Override
    String jdbcUrl() throws Exception {
        database = ScratchPostgres.create("billing_service");
        return database.jdbcUrl();
    }

    @AfterEach
    void dropSchema() throws Exception {
        database.close();
    }
}
