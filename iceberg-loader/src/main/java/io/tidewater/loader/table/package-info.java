/** Tables through the admin API and Actuator: list, create, delete, schema history, copies between catalogs. */
package io.tidewater.loader.table;
