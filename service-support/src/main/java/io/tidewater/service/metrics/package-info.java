/** The meters every service records under the same names: files by outcome, rows, schema changes, queues, freshness. */
package io.tidewater.service.metrics;
