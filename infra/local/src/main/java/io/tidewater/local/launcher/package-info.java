/** The {@code ./tidewater} command line: demo, up, sql, infer and plan. */
package io.tidewater.local.launcher;
