package io.tidewater.trigger.run;

import io.tidewater.contract.RunState;
import io.tidewater.service.ledger.LedgerColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger's {@code runs} and {@code run_transitions}: every change of a run's state is written with its history row.
 * SQL that SQLite and PostgreSQL both speak.
 */
@Repository
class RunRepository {

    private static final String RUN_COLUMNS =
            "run_id, pipeline, bucket, object_key, version_id, etag, size, sequencer, "
                    + "event_time, target_table, queue, source, state, attempts, rows_loaded, detail, created_at, updated_at, "
                    + "routed_at, finished_at";

    private static final String INSERT_RUN = "INSERT INTO runs (" + RUN_COLUMNS + ", object_version) VALUES (:runId, "
            + ":pipeline, :bucket, :key, :versionId, :eTag, :size, :sequencer, :eventTime, :targetTable, :queue, "
            + ":source, :state, :attempts, :rows, :detail, :createdAt, :updatedAt, NULL, NULL, :objectVersion) "
            + "ON CONFLICT (run_id) DO NOTHING";
    private static final String INSERT_TRANSITION = "INSERT INTO run_transitions (run_id, state, at, rows_loaded, "
            + "detail) VALUES (:runId, :state, :at, :rows, :detail)";
    private static final String TRANSITION = "UPDATE runs SET state = :to, updated_at = :at, routed_at = CASE WHEN "
            + ":to = 'ROUTED' THEN :at ELSE routed_at END WHERE run_id = :runId AND state = :from";

    private final JdbcClient jdbc;
    // For the batch's statements, which JdbcClient does not send as one JDBC batch.
    private final NamedParameterJdbcOperations batches;

    RunRepository(NamedParameterJdbcOperations ledgerJdbc) {
        this.jdbc = JdbcClient.create(ledgerJdbc);
        this.batches = ledgerJdbc;
    }

    /** Records a run unless its id is taken; returns whether it was recorded. */
    boolean insert(Run run, String objectVersion) {
        return insertAll(List.of(run), List.of(objectVersion))[0];
    }

    /**
     * Records runs, one JDBC batch for the runs and one for their first transitions; a run whose id is taken is left
     * as it is.
     *
     * @return per run, whether it was recorded
     */
    boolean[] insertAll(List<Run> runs, List<String> objectVersions) {
        SqlParameterSource[] rows = new SqlParameterSource[runs.size()];
        for (int index = 0; index < runs.size(); index++) {
            Run run = runs.get(index);
            rows[index] = new MapSqlParameterSource()
                    .addValue("runId", run.runId())
                    .addValue("pipeline", run.pipeline())
                    .addValue("bucket", run.bucket())
                    .addValue("key", run.key())
                    .addValue("versionId", run.versionId())
                    .addValue("eTag", run.eTag())
                    .addValue("size", run.size())
                    .addValue("sequencer", run.sequencer())
                    .addValue("eventTime", run.eventTime().toEpochMilli())
                    .addValue("targetTable", run.targetTable())
                    .addValue("queue", run.queue())
                    .addValue("source", run.source().name())
                    .addValue("state", run.state().name())
                    .addValue("attempts", run.attempts())
                    .addValue("rows", run.rows())
                    .addValue("detail", run.detail())
                    .addValue("createdAt", run.createdAt().toEpochMilli())
                    .addValue("updatedAt", run.updatedAt().toEpochMilli())
                    .addValue("objectVersion", objectVersions.get(index));
        }
        int[] counts = batches.batchUpdate(INSERT_RUN, rows);
        boolean[] inserted = new boolean[runs.size()];
        List<SqlParameterSource> transitions = new ArrayList<>();
        for (int index = 0; index < runs.size(); index++) {
            inserted[index] = counts[index] == 1;
            if (inserted[index]) {
                Run run = runs.get(index);
                transitions.add(transitionRow(run.runId(), run.state(), run.createdAt(), 0, null));
            }
        }
        recordTransitions(transitions);
        return inserted;
    }

    /** The runs with these ids, by id. */
    Map<String, Run> findAll(Collection<String> runIds) {
        if (runIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Run> found = new HashMap<>();
        batches.query(
                        "SELECT " + RUN_COLUMNS + " FROM runs WHERE run_id IN (:runIds)",
                        Map.of("runIds", runIds),
                        RunRepository::run)
                .forEach(run -> found.put(run.runId(), run));
        return found;
    }

    Optional<Run> find(String runId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM runs WHERE run_id = :runId")
                .param("runId", runId)
                .query(RunRepository::run)
                .optional();
    }

    List<Run> list(RunFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM runs WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (filter.pipeline() != null) {
            sql.append(" AND pipeline = ?");
            params.add(filter.pipeline());
        }
        if (filter.state() != null) {
            sql.append(" AND state = ?");
            params.add(filter.state().name());
        }
        if (filter.since() != null) {
            sql.append(" AND created_at >= ?");
            params.add(filter.since().toEpochMilli());
        }
        sql.append(" ORDER BY created_at DESC, run_id LIMIT ").append(filter.limit());
        return jdbc.sql(sql.toString()).params(params).query(RunRepository::run).list();
    }

    List<RunTransition> transitions(String runId) {
        return jdbc.sql("SELECT state, at, rows_loaded, detail FROM run_transitions WHERE run_id = :runId ORDER BY at")
                .param("runId", runId)
                .query((rs, row) -> new RunTransition(
                        RunState.valueOf(rs.getString("state")),
                        Instant.ofEpochMilli(rs.getLong("at")),
                        rs.getLong("rows_loaded"),
                        rs.getString("detail")))
                .list();
    }

    /**
     * Runs that wait to be sent, oldest first, leaving out paused pipelines. Runs recorded in the same millisecond (one
     * batch) go in the order S3 created their markers.
     */
    List<Run> waiting() {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM runs WHERE state = 'RECEIVED' AND pipeline NOT IN "
                        + "(SELECT pipeline FROM paused_pipelines) ORDER BY created_at, event_time, run_id")
                .query(RunRepository::run)
                .list();
    }

    /** Runs still ROUTED that were routed before the instant: their domain service has not said it took them. */
    List<String> routedBefore(Instant instant) {
        return jdbc.sql("SELECT run_id FROM runs WHERE state = 'ROUTED' AND routed_at < :before ORDER BY routed_at")
                .param("before", instant.toEpochMilli())
                .query(String.class)
                .list();
    }

    /** Moves a run from one state to another if it is still in the first; returns whether it moved. */
    boolean transition(String runId, RunState from, RunState to, Instant at) {
        return transitionAll(List.of(runId), from, to, at)[0];
    }

    /** {@link #transition} for many runs, as JDBC batches; returns per run whether it moved. */
    boolean[] transitionAll(List<String> runIds, RunState from, RunState to, Instant at) {
        SqlParameterSource[] rows = new SqlParameterSource[runIds.size()];
        for (int index = 0; index < runIds.size(); index++) {
            rows[index] = new MapSqlParameterSource()
                    .addValue("runId", runIds.get(index))
                    .addValue("from", from.name())
                    .addValue("to", to.name())
                    .addValue("at", at.toEpochMilli());
        }
        int[] counts = batches.batchUpdate(TRANSITION, rows);
        boolean[] moved = new boolean[runIds.size()];
        List<SqlParameterSource> transitions = new ArrayList<>();
        for (int index = 0; index < runIds.size(); index++) {
            moved[index] = counts[index] == 1;
            if (moved[index]) {
                transitions.add(transitionRow(runIds.get(index), to, at, 0, null));
            }
        }
        recordTransitions(transitions);
        return moved;
    }

    void update(String runId, RunState state, String table, long rows, String detail, Instant at) {
        jdbc.sql("UPDATE runs SET state = :state, target_table = COALESCE(target_table, :table), rows_loaded = :rows, "
                        + "detail = :detail, updated_at = :at, finished_at = :finishedAt WHERE run_id = :runId")
                .param("runId", runId)
                .param("state", state.name())
                .param("table", table)
                .param("rows", rows)
                .param("detail", LedgerColumns.detail(detail))
                .param("at", at.toEpochMilli())
                .param("finishedAt", state.isFinal() ? at.toEpochMilli() : null)
                .update();
        recordTransition(runId, state, at, rows, detail);
    }

    void restart(String runId, Instant at) {
        jdbc.sql("UPDATE runs SET state = 'RECEIVED', attempts = attempts + 1, rows_loaded = 0, detail = NULL, "
                        + "updated_at = :at, routed_at = NULL, finished_at = NULL WHERE run_id = :runId")
                .param("runId", runId)
                .param("at", at.toEpochMilli())
                .update();
        recordTransition(runId, RunState.RECEIVED, at, 0, "replayed");
    }

    List<PipelineRuns> pipelineRuns() {
        Map<String, Map<RunState, Long>> counts = new TreeMap<>();
        Map<String, Instant> lastFinished = new TreeMap<>();
        jdbc.sql("SELECT pipeline, state, COUNT(*) AS runs, MAX(finished_at) AS last_finished FROM runs "
                        + "GROUP BY pipeline, state")
                .query(rs -> {
                    String pipeline = rs.getString("pipeline");
                    counts.computeIfAbsent(pipeline, name -> new EnumMap<>(RunState.class))
                            .put(RunState.valueOf(rs.getString("state")), rs.getLong("runs"));
                    Instant finished = instant(rs, "last_finished");
                    if (finished != null) {
                        lastFinished.merge(pipeline, finished, (a, b) -> a.isAfter(b) ? a : b);
                    }
                });
        return counts.entrySet().stream()
                .map(entry -> new PipelineRuns(entry.getKey(), entry.getValue(), lastFinished.get(entry.getKey())))
                .toList();
    }

    private void recordTransition(String runId, RunState state, Instant at, long rows, String detail) {
        recordTransitions(List.of(transitionRow(runId, state, at, rows, detail)));
    }

    private void recordTransitions(List<SqlParameterSource> transitions) {
        if (!transitions.isEmpty()) {
            batches.batchUpdate(INSERT_TRANSITION, transitions.toArray(SqlParameterSource[]::new));
        }
    }

    private static SqlParameterSource transitionRow(
            String runId, RunState state, Instant at, long rows, String detail) {
        return new MapSqlParameterSource()
                .addValue("runId", runId)
                .addValue("state", state.name())
                .addValue("at", at.toEpochMilli())
                .addValue("rows", rows)
                .addValue("detail", LedgerColumns.detail(detail));
    }

    private static Run run(ResultSet rs, int row) throws SQLException {
        return new Run(
                rs.getString("run_id"),
                rs.getString("pipeline"),
                rs.getString("bucket"),
                rs.getString("object_key"),
                rs.getString("version_id"),
                rs.getString("etag"),
                rs.getLong("size"),
                rs.getString("sequencer"),
                Instant.ofEpochMilli(rs.getLong("event_time")),
                rs.getString("target_table"),
                rs.getString("queue"),
                RunSource.valueOf(rs.getString("source")),
                RunState.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                rs.getLong("rows_loaded"),
                rs.getString("detail"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                instant(rs, "routed_at"),
                instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
