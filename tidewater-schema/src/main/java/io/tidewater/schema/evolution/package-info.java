/** Plans and applies additive, idempotent Iceberg schema changes under an explicit policy, never dropping anything. */
package io.tidewater.schema.evolution;
