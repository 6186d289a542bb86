-- The period ledger: every delivery of every billing period, loaded or skipped. Times are epoch milliseconds and
-- costs are decimal text, so SQLite and PostgreSQL store, sort and sum them alike.

CREATE TABLE deliveries (
    table_name            VARCHAR(500)  NOT NULL,
    billing_period        VARCHAR(7)    NOT NULL,
    assembly_id           VARCHAR(200)  NOT NULL,
    kind                  VARCHAR(30)   NOT NULL,
    manifest_uri          VARCHAR(2000) NOT NULL,
    manifest_modified_at  BIGINT        NOT NULL,
    state                 VARCHAR(20)   NOT NULL,
    run_id                VARCHAR(36),
    job_id                VARCHAR(64),
    load_job              TEXT,
    row_count             BIGINT,
    rows_loaded           BIGINT,
    unblended_cost        VARCHAR(64),
    invoice_id            VARCHAR(200),
    detail                VARCHAR(4000),
    received_at           BIGINT        NOT NULL,
    updated_at            BIGINT        NOT NULL,
    PRIMARY KEY (table_name, billing_period, assembly_id)
);

CREATE INDEX deliveries_by_job ON deliveries (job_id);

-- The cost of a delivery by service, account and day, computed while streaming its CSV once.
CREATE TABLE delivery_costs (
    table_name       VARCHAR(500)  NOT NULL,
    billing_period   VARCHAR(7)    NOT NULL,
    assembly_id      VARCHAR(200)  NOT NULL,
    dimension        VARCHAR(20)   NOT NULL,
    dimension_value  VARCHAR(1000) NOT NULL,
    unblended_cost   VARCHAR(64)   NOT NULL,
    PRIMARY KEY (table_name, billing_period, assembly_id, dimension, dimension_value)
);

-- Events that changed nothing: a duplicate of a known delivery, or one older than what the period holds.
CREATE TABLE skipped_events (
    run_id          VARCHAR(36)   NOT NULL,
    table_name      VARCHAR(500)  NOT NULL,
    billing_period  VARCHAR(7)    NOT NULL,
    assembly_id     VARCHAR(200)  NOT NULL,
    manifest_uri    VARCHAR(2000) NOT NULL,
    reason          VARCHAR(4000) NOT NULL,
    at              BIGINT        NOT NULL
);

CREATE INDEX skipped_events_by_period ON skipped_events (table_name, billing_period, at);
