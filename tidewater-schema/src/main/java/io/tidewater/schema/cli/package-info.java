/** The {@code infer} command-line entry point the launcher calls. */
package io.tidewater.schema.cli;
