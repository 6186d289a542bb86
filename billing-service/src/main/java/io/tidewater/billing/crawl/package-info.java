/**
 * Reading a delivery's data files: the schema crawl (CSV sample or Parquet footer), the one pass that counts rows and
 * costs, the column types and FOCUS version, and the mapping of a delivery to its load job.
 */
package io.tidewater.billing.crawl;
