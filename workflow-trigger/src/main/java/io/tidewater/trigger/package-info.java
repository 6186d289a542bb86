/** The workflow trigger: S3 event notifications in, one run per report out. */
package io.tidewater.trigger;
