/** A service's own JDBC state store: SQLite by default, PostgreSQL by URL, migrated by Flyway. */
package io.tidewater.service.ledger;
