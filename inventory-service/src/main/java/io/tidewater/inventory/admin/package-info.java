/** The admin REST API under {@code /admin}: reports, their insights, re-ingest and manual intake. */
package io.tidewater.inventory.admin;
