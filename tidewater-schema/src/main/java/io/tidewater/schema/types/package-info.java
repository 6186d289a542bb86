/** Iceberg types written as short strings such as {@code long} or {@code struct<a: int>}, for JSON and for people. */
package io.tidewater.schema.types;
