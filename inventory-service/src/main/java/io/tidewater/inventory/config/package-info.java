/** The inventory service's properties and the wiring of its report ledger database. */
package io.tidewater.inventory.config;
