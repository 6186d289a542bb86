package io.tidewater.service.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/**
 * Opens a service's ledger database and migrates it. Services wire this themselves rather than through Boot's JDBC
 * auto-configuration: in the local stack every service shares one classpath, and each has a database of its own.
 */
public final class LedgerDataSources {

    private static final String SQLITE = "jdbc:sqlite:";

    private LedgerDataSources() {}

    /**
     * A pooled, migrated data source.
     *
     * @param service the service's name, such as {@code inventory-service}: its migrations are in
     *     {@code classpath:db/<service>} and its Flyway history table is {@code <service>_schema_history}
     * @param url a JDBC URL, {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://...}
     * @param username the user, or {@code null}
     * @param password the password, or {@code null}
     * @param maximumPoolSize the pool size for a server database; SQLite always gets one connection
     */
    public static HikariDataSource open(
            String service, String url, String username, String password, int maximumPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(service + "-ledger");
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        if (url.startsWith(SQLITE)) {
            createParentDirectory(url.substring(SQLITE.length()).split("\\?")[0]);
            // SQLite takes one writer at a time; one connection turns "database is locked" into waiting.
            config.setMaximumPoolSize(1);
            config.setConnectionInitSql("PRAGMA busy_timeout = 10000");
        } else {
            config.setMaximumPoolSize(maximumPoolSize);
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/" + service)
                    .table(service.replace('-', '_') + "_schema_history")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    /**
     * SQLite's write-ahead log, synced at every commit, unless the URL chooses otherwise. The default rollback journal
     * syncs at least twice per commit (journal, then database) and creates and deletes the journal each time; the
     * write-ahead log appends and syncs once. {@code synchronous=NORMAL} would sync only at checkpoints: it survives
     * a crash of the process but not of the machine, which could lose commits whose messages were already
     * acknowledged. Other databases' URLs are returned as they are.
     */
    public static String withDurableWriteAheadLog(String url) {
        if (!url.startsWith(SQLITE)) {
            return url;
        }
        String durable = url;
        if (!url.contains("journal_mode=")) {
            durable += (durable.contains("?") ? "&" : "?") + "journal_mode=WAL";
        }
        if (!url.contains("synchronous=")) {
            durable += (durable.contains("?") ? "&" : "?") + "synchronous=FULL";
        }
        return durable;
    }

    private static void createParentDirectory(String file) {
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the ledger's directory " + parent + ": " + e.getMessage(), e);
        }
    }
}
