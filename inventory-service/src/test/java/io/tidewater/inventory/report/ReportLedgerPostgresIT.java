package io.tidewater.inventory.report;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * The ledger on PostgreSQL: the one on 127.0.0.1:5432 (trust auth, database {@code test}) in a scratch schema, or an
 * embedded one where nothing answers there.
 */
class ReportLedgerPostgresIT extends ReportLedgerContract {

    private static EmbeddedPostgres embedded;
    private String schema;
    private String baseUrl;

    @Override
    String jdbcUrl() throws Exception {
        baseUrl = localAnswers() ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres" : embeddedUrl();
        schema = "inventory_service_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(baseUrl)) {
            connection.createStatement().execute("CREATE SCHEMA " + schema);
        }
        return baseUrl + "&currentSchema=" + schema;
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection connection = DriverManager.getConnection(baseUrl)) {
            connection.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @AfterAll
    static void stopEmbedded() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }

    private static synchronized String embeddedUrl() throws IOException {
        if (embedded == null) {
            embedded = EmbeddedPostgres.start();
        }
        return embedded.getJdbcUrl("postgres", "postgres");
    }

    private static boolean localAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
