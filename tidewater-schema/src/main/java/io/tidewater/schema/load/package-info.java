/**
 * From what a crawl found to the start of a load job: the one mapping that every domain service and the loader's own
 * loads share.
 */
package io.tidewater.schema.load;
