/** The billing admin REST API under {@code /admin}: periods and their state, cost breakdowns, re-ingesting a period. */
package io.tidewater.billing.admin;
