/**
 * Fault injection for the reliability tests: the stack in a child JVM to kill, reports with a history of what happened
 * to each, and the exactly-once check over the table, the ledgers and the dead-letter queues.
 */
package io.tidewater.local.faults;
