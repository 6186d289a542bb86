/** The inventory service: S3 Inventory reports into {@code inventory.objects}. */
package io.tidewater.inventory;
