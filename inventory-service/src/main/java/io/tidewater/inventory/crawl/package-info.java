/**
 * Reading a report's data files: the schema crawl, input limits, MD5 checksums, the insight counts, and the mapping of
 * a report to its load job.
 */
package io.tidewater.inventory.crawl;
