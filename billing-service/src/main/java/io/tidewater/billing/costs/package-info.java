/** The FOCUS-shaped cost table that every billing table feeds, one source mapping per report generation. */
package io.tidewater.billing.costs;
