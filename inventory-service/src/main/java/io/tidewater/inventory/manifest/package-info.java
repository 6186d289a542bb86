/** What was delivered: S3 Inventory {@code manifest.json} and {@code manifest.checksum}, read, verified and located. */
package io.tidewater.inventory.manifest;
