/** The trigger's configuration: its properties, the ledger's database and the schedule. */
package io.tidewater.trigger.config;
