-- The report ledger. Times are epoch milliseconds: SQLite and PostgreSQL store and sort them alike.

CREATE TABLE reports (
    report_id           VARCHAR(36)    NOT NULL PRIMARY KEY,
    idempotency_key     VARCHAR(2000),
    run_id              VARCHAR(200)   NOT NULL,
    job_id              VARCHAR(200),
    origin              VARCHAR(20)    NOT NULL,
    destination_bucket  VARCHAR(255)   NOT NULL,
    manifest_key        VARCHAR(1024)  NOT NULL,
    source_bucket       VARCHAR(255),
    configuration_id    VARCHAR(1024),
    creation_timestamp  BIGINT,
    file_format         VARCHAR(20),
    file_count          INTEGER        NOT NULL,
    total_bytes         BIGINT         NOT NULL,
    rows_scanned        BIGINT,
    rows_loaded         BIGINT,
    rows_quarantined    BIGINT,
    status              VARCHAR(20)    NOT NULL,
    detail              VARCHAR(4000),
    columns_list        VARCHAR(8000),
    schema_changes      VARCHAR(4000),
    insights            TEXT,
    manifest_json       TEXT,
    received_at         BIGINT         NOT NULL,
    sent_at             BIGINT,
    finished_at         BIGINT,
    verify_millis       BIGINT,
    crawl_millis        BIGINT,
    load_millis         BIGINT
);

CREATE INDEX reports_by_received ON reports (received_at);
CREATE INDEX reports_by_job ON reports (job_id);
CREATE INDEX reports_by_source ON reports (source_bucket, configuration_id, creation_timestamp);

CREATE TABLE report_files (
    report_id  VARCHAR(36)    NOT NULL,
    position   INTEGER        NOT NULL,
    file_key   VARCHAR(1024)  NOT NULL,
    size       BIGINT         NOT NULL,
    md5        VARCHAR(64),
    row_count  BIGINT,
    PRIMARY KEY (report_id, position)
);
