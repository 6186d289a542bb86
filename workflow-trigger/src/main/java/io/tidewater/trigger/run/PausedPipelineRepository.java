package io.tidewater.trigger.run;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger's {@code paused_pipelines}: pipelines whose runs are recorded but not sent until they are resumed. */
@Repository
class PausedPipelineRepository {

    private final JdbcClient jdbc;

    PausedPipelineRepository(NamedParameterJdbcOperations ledgerJdbc) {
        this.jdbc = JdbcClient.create(ledgerJdbc);
    }

    void pause(String pipeline, Instant at) {
        jdbc.sql("INSERT INTO paused_pipelines (pipeline, paused_at) VALUES (:pipeline, :at) ON CONFLICT DO NOTHING")
                .param("pipeline", pipeline)
                .param("at", at.toEpochMilli())
                .update();
    }

    void resume(String pipeline) {
        jdbc.sql("DELETE FROM paused_pipelines WHERE pipeline = :pipeline")
                .param("pipeline", pipeline)
                .update();
    }

    List<String> list() {
        return jdbc.sql("SELECT pipeline FROM paused_pipelines ORDER BY pipeline")
                .query(String.class)
                .list();
    }
}
