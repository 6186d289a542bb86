package io.tidewater.inventory.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.tidewater.inventory.insight.InventoryInsights;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ledger's SQL, the same on every database it supports; subclasses say which database. */
abstract class ReportLedgerContract {

    private static final Instant NOW = Instant.parse("2025-01-21T23:21:10.123Z");

    private HikariDataSource dataSource;
    ReportLedger ledger;

    abstract String jdbcUrl() throws Exception;

    @BeforeEach
    void migrate() throws Exception {
        dataSource = new HikariDataSource();
        String url = jdbcUrl();
        dataSource.setJdbcUrl(url);
        dataSource.setMaximumPoolSize(url.startsWith("jdbc:sqlite:") ? 1 : 3);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/inventory-service")
                .table("inventory_service_schema_history")
                .load()
                .migrate();
        ledger = new ReportLedger(JdbcClient.create(dataSource));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private String sentReport(String config, Instant createdAt, List<String> columns, InventoryInsights insights) {
        String reportId = UUID.randomUUID().toString();
        ledger.insertReceived(reportId, "run-" + reportId, ReportOrigin.EVENT, "dest", "inv/manifest.json", null, NOW);
        ledger.recordManifest(
                reportId,
                "s3-inventory/source/" + config + "/" + createdAt.toEpochMilli(),
                "source",
                config,
                createdAt,
                "CSV",
                "inv/manifest.json",
                List.of(
                        new Report.File("inv/data/a.csv.gz", 10, "aa", null),
                        new Report.File("inv/data/b.csv.gz", 20, "bb", null)));
        ledger.recordCrawl(reportId, columns, null, 3);
        if (insights != null) {
            ledger.recordScan(reportId, insights, List.of(2L, 3L), 7);
        }
        ledger.recordSent(reportId, "job-" + reportId, NOW);
        return reportId;
    }

    private static InventoryInsights insights(long objects, long bytes) {
        return new InventoryInsights(
                objects + 1,
                objects,
                bytes,
                Map.of("STANDARD", new InventoryInsights.StorageClassTotals(objects, bytes)),
                0L,
                null,
                1L,
                2L,
                3L);
    }

    @Test
    void recordsAReportFromIntakeToTheLoadersReply() {
        String reportId = sentReport("daily", NOW, List.of("bucket", "key", "size"), insights(4, 10));

        Report loaded = ledger.recordResult("job-" + reportId, ReportStatus.SUCCEEDED, 5, 0, "5 rows", 1200, NOW)
                .orElseThrow();

        assertThat(loaded.status()).isEqualTo(ReportStatus.SUCCEEDED);
        assertThat(loaded.rowsLoaded()).isEqualTo(5);
        assertThat(loaded.rowsScanned()).isEqualTo(5);
        assertThat(loaded.fileCount()).isEqualTo(2);
        assertThat(loaded.totalBytes()).isEqualTo(30);
        assertThat(loaded.columns()).containsExactly("bucket", "key", "size");
        assertThat(loaded.insights()).isEqualTo(insights(4, 10));
        assertThat(loaded.loadMillis()).isEqualTo(1200);
        assertThat(loaded.createdAt()).isEqualTo(NOW);
        assertThat(ledger.files(reportId))
                .containsExactly(
                        new Report.File("inv/data/a.csv.gz", 10, "aa", 2L),
                        new Report.File("inv/data/b.csv.gz", 20, "bb", 3L));
    }

    @Test
    void aSecondReplyForTheSameJobChangesNothing() {
        String reportId = sentReport("daily", NOW, List.of("bucket"), null);
        ledger.recordResult("job-" + reportId, ReportStatus.SUCCEEDED, 5, 0, "5 rows", 1, NOW);

        assertThat(ledger.recordResult("job-" + reportId, ReportStatus.FAILED, 0, 0, "late", 1, NOW))
                .isEmpty();
        assertThat(ledger.find(reportId).orElseThrow().status()).isEqualTo(ReportStatus.SUCCEEDED);
        assertThat(ledger.recordResult("job-unknown", ReportStatus.SUCCEEDED, 1, 0, "x", 1, NOW))
                .isEmpty();
    }

    @Test
    void previousIsTheNewestEarlierLoadedReportOfTheSameConfiguration() {
        String older = sentReport("daily", NOW.minusSeconds(7200), List.of("bucket"), insights(1, 1));
        String old = sentReport("daily", NOW.minusSeconds(3600), List.of("bucket"), insights(2, 2));
        sentReport("weekly", NOW.minusSeconds(60), List.of("bucket"), insights(9, 9));
        ledger.recordResult("job-" + older, ReportStatus.SUCCEEDED, 1, 0, "", 1, NOW);
        ledger.recordResult("job-" + old, ReportStatus.SUCCEEDED, 1, 0, "", 1, NOW);
        String current = sentReport("daily", NOW, List.of("bucket"), insights(5, 5));

        assertThat(ledger.previous(
                                ledger.find(current).orElseThrow(),
                                List.of(ReportStatus.SUCCEEDED, ReportStatus.QUARANTINED),
                                true)
                        .map(Report::reportId))
                .contains(old);
    }

    @Test
    void rejectionKeepsItsReasonAndListsFilterByStatus() {
        String reportId = UUID.randomUUID().toString();
        ledger.insertReceived(reportId, "run", ReportOrigin.LOCATION, "dest", "x/manifest.json", null, NOW);

        assertThat(ledger.finish(reportId, ReportStatus.REJECTED, "Cannot accept report: bad", NOW))
                .isTrue();
        assertThat(ledger.finish(reportId, ReportStatus.FAILED, "again", NOW)).isFalse();
        assertThat(ledger.list(null, ReportStatus.REJECTED, 10))
                .singleElement()
                .satisfies(report -> assertThat(report.detail()).isEqualTo("Cannot accept report: bad"));
    }
}
