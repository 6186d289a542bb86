package io.tidewater.trigger.run;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger's {@code key_positions}: the newest event seen per key, so that a late, older event starts nothing. */
@Repository
class KeyPositionRepository {

    private static final String SAVE_POSITION = "INSERT INTO key_positions (bucket, object_key, sequencer, event_time) "
            + "VALUES (:bucket, :key, :sequencer, :eventTime) ON CONFLICT (bucket, object_key) DO UPDATE SET "
            + "sequencer = EXCLUDED.sequencer, event_time = EXCLUDED.event_time";

    private final JdbcClient jdbc;
    // For the batch's statements, which JdbcClient does not send as one JDBC batch.
    private final NamedParameterJdbcOperations batches;

    KeyPositionRepository(NamedParameterJdbcOperations ledgerJdbc) {
        this.jdbc = JdbcClient.create(ledgerJdbc);
        this.batches = ledgerJdbc;
    }

    Optional<KeyPosition> find(String bucket, String key) {
        return jdbc.sql("SELECT sequencer, event_time FROM key_positions WHERE bucket = :bucket AND object_key = :key")
                .param("bucket", bucket)
                .param("key", key)
                .query((rs, row) ->
                        new KeyPosition(rs.getString("sequencer"), Instant.ofEpochMilli(rs.getLong("event_time"))))
                .optional();
    }

    void save(String bucket, String key, KeyPosition position) {
        saveAll(List.of(new KeyedPosition(bucket, key, position)));
    }

    /** The newest positions of these keys of one or more buckets, by {@code bucket/key}. */
    Map<String, KeyPosition> findAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, KeyPosition> found = new HashMap<>();
        batches.query(
                "SELECT bucket, object_key, sequencer, event_time FROM key_positions WHERE object_key IN (:keys)",
                Map.of("keys", keys),
                (RowCallbackHandler) rs -> found.put(
                        rs.getString("bucket") + "/" + rs.getString("object_key"),
                        new KeyPosition(rs.getString("sequencer"), Instant.ofEpochMilli(rs.getLong("event_time")))));
        return found;
    }

    void saveAll(List<KeyedPosition> positions) {
        if (positions.isEmpty()) {
            return;
        }
        batches.batchUpdate(
                SAVE_POSITION,
                positions.stream()
                        .map(saved -> new MapSqlParameterSource()
                                .addValue("bucket", saved.bucket())
                                .addValue("key", saved.key())
                                .addValue("sequencer", saved.position().sequencer())
                                .addValue(
                                        "eventTime",
                                        saved.position().eventTime().toEpochMilli()))
                        .toArray(SqlParameterSource[]::new));
    }
}
