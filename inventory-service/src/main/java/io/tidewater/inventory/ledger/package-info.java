/** The report ledger and its records: each report, its files and how far it got. */
package io.tidewater.inventory.ledger;
