package io.tidewater.service.ledger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A scratch schema on PostgreSQL for one ledger test: the server on 127.0.0.1:5432 (trust auth, database
 * {@code test}) where one answers, otherwise an embedded PostgreSQL started once per test JVM, so the ledger tests pass
 * on machines without a server too.
 */
public final class ScratchPostgres implements AutoCloseable {

    private static EmbeddedPostgres embedded;

    private final String baseUrl;
    private final String schema;

    private ScratchPostgres(String baseUrl, String schema) {
        this.baseUrl = baseUrl;
        this.schema = schema;
    }

    /** Creates a schema named {@code <prefix>_<random>}. */
    public static ScratchPostgres create(String prefix) throws SQLException {
        String baseUrl = localServerAnswers() ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres" : embeddedUrl();
        String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(baseUrl)) {
            connection.createStatement().execute("CREATE SCHEMA " + schema);
        }
        return new ScratchPostgres(baseUrl, schema);
    }

    /** A JDBC URL whose connections work in the scratch schema. */
    public String jdbcUrl() {
        return baseUrl + "&currentSchema=" + schema;
    }

    /** Drops the schema and everything in it. */
    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(baseUrl)) {
            connection.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static synchronized String embeddedUrl() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start an embedded PostgreSQL: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(ScratchPostgres::stopEmbedded));
        }
        return embedded.getJdbcUrl("postgres", "postgres");
    }

    private static void stopEmbedded() {
        try {
            embedded.close();
        } catch (IOException e) {
            // the JVM is exiting; the embedded server's directory is temporary
        }
    }

    private static boolean localServerAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
