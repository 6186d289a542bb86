/** The inventory service's configuration. */
package io.tidewater.inventory.config;
