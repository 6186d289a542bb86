-- billing.costs: the rows each delivery wrote there, and which report's rows of a payer's month do not count there
-- because another generation delivered the same payer's month (a migration from CUR to FOCUS). One shadowing per
-- shadowed report, payer and month: the newest reply about it replaces the last.

ALTER TABLE deliveries ADD COLUMN costs_rows BIGINT;

CREATE TABLE cost_shadowing (
    billing_period  VARCHAR(7)    NOT NULL,
    cost_key        VARCHAR(500)  NOT NULL,
    source          VARCHAR(20)   NOT NULL,
    report          VARCHAR(1000) NOT NULL,
    by_source       VARCHAR(20)   NOT NULL,
    by_report       VARCHAR(1000) NOT NULL,
    recorded_at     BIGINT        NOT NULL,
    PRIMARY KEY (billing_period, cost_key, source, report)
);
