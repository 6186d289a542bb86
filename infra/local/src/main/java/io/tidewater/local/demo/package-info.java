/** Realistic S3 Inventory reports, generated from a seed and uploaded in the order AWS writes them. */
package io.tidewater.local.demo;
