/** What was delivered: CUR and Data Exports manifests, read from S3 and turned into one typed delivery. */
package io.tidewater.billing.manifest;
