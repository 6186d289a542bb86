/** Read-only Spark SQL over the catalog, through the loader's warm session. */
package io.tidewater.loader.sql;
