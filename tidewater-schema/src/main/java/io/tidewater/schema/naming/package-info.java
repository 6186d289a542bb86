/** Turns source column names into the lower-case snake_case names Athena and Glue users expect. */
package io.tidewater.schema.naming;
