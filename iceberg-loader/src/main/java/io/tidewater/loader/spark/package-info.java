/** The loader's one warm Spark session and the Iceberg catalog it writes through. */
package io.tidewater.loader.spark;
