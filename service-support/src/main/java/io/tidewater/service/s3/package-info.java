/** Reading S3 objects as the crawls do: ranged, seekable, fetching only what a sample or a footer needs. */
package io.tidewater.service.s3;
