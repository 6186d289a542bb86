/** S3 Inventory {@code manifest.json} and {@code manifest.checksum}: reading and verifying them. */
package io.tidewater.inventory.manifest;
