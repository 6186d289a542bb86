/** The loader's configuration: the Iceberg catalog, Spark and the queues. */
package io.tidewater.loader.config;
