/** Schema inference, column naming and safe Iceberg schema evolution for S3 Inventory and Cost and Usage Reports. */
package io.tidewater.schema;
