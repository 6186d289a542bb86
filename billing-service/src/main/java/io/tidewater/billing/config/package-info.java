/** The billing service's settings and the wiring of its period ledger database. */
package io.tidewater.billing.config;
