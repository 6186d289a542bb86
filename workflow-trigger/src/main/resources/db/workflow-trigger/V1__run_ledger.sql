-- The run ledger. Times are epoch milliseconds: SQLite and PostgreSQL store and sort them alike.

CREATE TABLE runs (
    run_id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    pipeline        VARCHAR(200)  NOT NULL,
    bucket          VARCHAR(255)  NOT NULL,
    object_key      VARCHAR(1024) NOT NULL,
    object_version  VARCHAR(2000) NOT NULL,
    version_id      VARCHAR(1024),
    etag            VARCHAR(200),
    size            BIGINT        NOT NULL,
    sequencer       VARCHAR(200),
    event_time      BIGINT        NOT NULL,
    target_table    VARCHAR(500),
    queue           VARCHAR(200)  NOT NULL,
    source          VARCHAR(20)   NOT NULL,
    state           VARCHAR(20)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    rows_loaded     BIGINT        NOT NULL,
    detail          VARCHAR(4000),
    created_at      BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL,
    routed_at       BIGINT,
    finished_at     BIGINT
);

CREATE INDEX runs_by_pipeline_state ON runs (pipeline, state, created_at);
CREATE INDEX runs_by_state ON runs (state, created_at);

-- Every state a run went through, for the run's history.
CREATE TABLE run_transitions (
    run_id       VARCHAR(36)   NOT NULL,
    state        VARCHAR(20)   NOT NULL,
    at           BIGINT        NOT NULL,
    rows_loaded  BIGINT        NOT NULL,
    detail       VARCHAR(4000)
);

CREATE INDEX run_transitions_by_run ON run_transitions (run_id, at);

-- The newest event seen per key, so that a late, older event starts nothing.
CREATE TABLE key_positions (
    bucket      VARCHAR(255)  NOT NULL,
    object_key  VARCHAR(1024) NOT NULL,
    sequencer   VARCHAR(200),
    event_time  BIGINT        NOT NULL,
    PRIMARY KEY (bucket, object_key)
);

-- One row per target table: the run loading it now, or NULL. Claiming is one conditional UPDATE.
CREATE TABLE table_slots (
    target_table  VARCHAR(500) NOT NULL PRIMARY KEY,
    run_id        VARCHAR(36)
);

CREATE TABLE paused_pipelines (
    pipeline   VARCHAR(200) NOT NULL PRIMARY KEY,
    paused_at  BIGINT       NOT NULL
);
