/** The billing service's properties and the wiring of its period ledger database. */
package io.tidewater.billing.config;
