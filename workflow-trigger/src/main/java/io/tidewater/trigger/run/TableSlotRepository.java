package io.tidewater.trigger.run;

import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger's {@code table_slots}: which run loads each target table now, so that runs of one table never overlap. */
@Repository
class TableSlotRepository {

    private final JdbcClient jdbc;

    TableSlotRepository(NamedParameterJdbcOperations ledgerJdbc) {
        this.jdbc = JdbcClient.create(ledgerJdbc);
    }

    /** Takes the table for a run; true if the table was free or already the run's. */
    boolean claim(String table, String runId) {
        jdbc.sql("INSERT INTO table_slots (target_table, run_id) VALUES (:table, NULL) ON CONFLICT DO NOTHING")
                .param("table", table)
                .update();
        return jdbc.sql("UPDATE table_slots SET run_id = :runId WHERE target_table = :table "
                                + "AND (run_id IS NULL OR run_id = :runId)")
                        .param("table", table)
                        .param("runId", runId)
                        .update()
                == 1;
    }

    /** Frees every table the run holds. */
    void release(String runId) {
        jdbc.sql("UPDATE table_slots SET run_id = NULL WHERE run_id = :runId")
                .param("runId", runId)
                .update();
    }

    /** The run that holds the table, if any. */
    Optional<String> holder(String table) {
        return jdbc.sql("SELECT run_id FROM table_slots WHERE target_table = :table AND run_id IS NOT NULL")
                .param("table", table)
                .query(String.class)
                .optional();
    }
}
