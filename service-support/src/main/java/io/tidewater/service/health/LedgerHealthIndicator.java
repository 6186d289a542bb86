package io.tidewater.service.health;

import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Up when every ledger data source (SQLite or PostgreSQL) hands out a valid connection. */
final class LedgerHealthIndicator extends AbstractHealthIndicator {

    private final Map<String, DataSource> dataSources;
    private final Duration timeout;

    LedgerHealthIndicator(Map<String, DataSource> dataSources, Duration timeout) {
        super("Cannot reach the ledger");
        this.dataSources = Map.copyOf(dataSources);
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        Map<String, String> valid = new LinkedHashMap<>();
        for (Map.Entry<String, DataSource> entry : dataSources.entrySet()) {
            try (Connection connection = entry.getValue().getConnection()) {
                int seconds = (int) Math.max(1, timeout.toSeconds());
                if (!connection.isValid(seconds)) {
                    builder.down().withDetail(entry.getKey(), "connection not valid within " + seconds + " s");
                    return;
                }
                valid.put(entry.getKey(), connection.getMetaData().getDatabaseProductName());
            }
        }
        builder.up().withDetails(valid);
    }
}
