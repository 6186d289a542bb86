/** The Iceberg loader: a warm Spark driver that evolves and loads Iceberg tables exactly once per source file set. */
package io.tidewater.loader;
