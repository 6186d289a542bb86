package io.tidewater.service.ledger;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a service's ledger lives, bound under the service's own prefix ({@code tidewater.<service>.ledger}).
 *
 * @param url a JDBC URL, {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://...}; {@code null} until the service
 *     gives its default with {@link #withDefaultUrl(String)}
 * @param username the database user, if the URL needs one
 * @param password the database password, if the URL needs one
 * @param maximumPoolSize connections to PostgreSQL; SQLite always gets one, as it takes one writer at a time
 */
public record LedgerProperties(String url, String username, String password, @DefaultValue("5") int maximumPoolSize) {

    public LedgerProperties {
        if (maximumPoolSize < 1) {
            throw new IllegalArgumentException(
                    "Cannot pool ledger connections: maximum-pool-size must be positive, not " + maximumPoolSize);
        }
    }

    /** These settings, with {@code url} when none was set. */
    public LedgerProperties withDefaultUrl(String url) {
        return this.url == null || this.url.isBlank()
                ? new LedgerProperties(url, username, password, maximumPoolSize)
                : this;
    }

    /**
     * These settings, with SQLite's write-ahead log synced at every commit unless the URL chooses otherwise; see
     * {@link LedgerDataSources#withDurableWriteAheadLog(String)}.
     */
    public LedgerProperties withDurableWriteAheadLog() {
        return new LedgerProperties(
                LedgerDataSources.withDurableWriteAheadLog(url), username, password, maximumPoolSize);
    }
}
