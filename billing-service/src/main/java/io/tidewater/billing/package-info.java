/** The billing service: Cost and Usage Reports (legacy and 2.0) and FOCUS exports into {@code billing.*} tables. */
package io.tidewater.billing;
