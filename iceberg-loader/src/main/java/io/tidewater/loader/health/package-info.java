/** The loader's own readiness checks: the Iceberg catalog answers and the Spark driver can run jobs. */
package io.tidewater.loader.health;
