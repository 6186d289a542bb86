/**
 * Table care: Iceberg's own actions expire snapshots, compact small data files, rewrite manifests and remove orphan
 * files, on a schedule per table and on request, never while a load of the table is running.
 */
package io.tidewater.loader.maintenance;
