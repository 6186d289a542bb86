-- Deliveries are ordered per report and period: two reports of one month (two payers, an hourly and a daily report)
-- each restate their own rows. Deliveries recorded before reports were have no report ('') and belong to the report
-- that delivers the period next, as their rows in the table do.

ALTER TABLE deliveries ADD COLUMN report VARCHAR(1000) NOT NULL DEFAULT '';

ALTER TABLE skipped_events ADD COLUMN report VARCHAR(1000) NOT NULL DEFAULT '';

CREATE INDEX deliveries_by_report ON deliveries (table_name, report, billing_period);
