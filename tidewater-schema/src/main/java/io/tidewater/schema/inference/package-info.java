/** Infers the format, CSV dialect, header and column types of a data file from a bounded sample, as a crawler would. */
package io.tidewater.schema.inference;
