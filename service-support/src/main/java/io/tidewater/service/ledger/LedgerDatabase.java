package io.tidewater.service.ledger;

import static java.util.Objects.requireNonNull;

/**
 * A service's ledger, as the service declares it in one bean: {@link LedgerAutoConfiguration} opens, migrates and
 * wires it.
 *
 * @param service the service's name, such as {@code inventory-service}: its Flyway migrations are in
 *     {@code classpath:db/<service>} and its history table is {@code <service>_schema_history}
 * @param properties where the database is
 */
public record LedgerDatabase(String service, LedgerProperties properties) {

    public LedgerDatabase {
        requireNonNull(service, "service is null");
        requireNonNull(properties, "properties is null");
        if (properties.url() == null || properties.url().isBlank()) {
            throw new IllegalArgumentException("Cannot open the ledger of " + service + ": it has no JDBC URL");
        }
    }
}
