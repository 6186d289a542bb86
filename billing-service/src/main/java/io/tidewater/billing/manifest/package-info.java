/** CUR and Data Exports manifests: reading them from S3 and turning them into one typed delivery. */
package io.tidewater.billing.manifest;
