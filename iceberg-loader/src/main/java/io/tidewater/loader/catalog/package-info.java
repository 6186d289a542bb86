/** The Iceberg catalogs the loader knows by name: the primary one loads go into, and the further ones beside it. */
package io.tidewater.loader.catalog;
