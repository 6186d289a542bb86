package io.tidewater.service.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class LedgerAutoConfigurationTest {

    private final ApplicationContextRunner contexts =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LedgerAutoConfiguration.class));

    @TempDir
    Path directory;

    @Test
    void opensAndMigratesTheLedgerTheServiceDeclares() {
        String url = "jdbc:sqlite:" + directory.resolve("nested/ledger.db");

        contexts.withBean(LedgerDatabase.class, () -> new LedgerDatabase("ledger-test", sqlite(url)))
                .run(context -> {
                    assertThat(context).hasSingleBean(DataSource.class);
                    JdbcClient jdbc = context.getBean(JdbcClient.class);
                    jdbc.sql("INSERT INTO entries (name) VALUES ('first')").update();
                    assertThat(jdbc.sql("SELECT name FROM entries")
                                    .query(String.class)
                                    .list())
                            .containsExactly("first");
                    assertThat(jdbc.sql("SELECT count(*) FROM ledger_test_schema_history WHERE success = 1")
                                    .query(Integer.class)
                                    .single())
                            .as("Flyway's history table is named after the service")
                            .isEqualTo(1);
                    assertThat(context).hasSingleBean(NamedParameterJdbcTemplate.class);
                });
    }

    @Test
    void rollsBackWhatATransactionWroteWhenItFails() {
        String url = "jdbc:sqlite:" + directory.resolve("ledger.db");

        contexts.withBean(LedgerDatabase.class, () -> new LedgerDatabase("ledger-test", sqlite(url)))
                .run(context -> {
                    JdbcClient jdbc = context.getBean(JdbcClient.class);
                    TransactionTemplate transactions = context.getBean(TransactionTemplate.class);

                    assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                                jdbc.sql("INSERT INTO entries (name) VALUES ('lost')")
                                        .update();
                                throw new IllegalStateException("Cannot go on: test failure");
                            }))
                            .hasMessage("Cannot go on: test failure");

                    assertThat(jdbc.sql("SELECT count(*) FROM entries")
                                    .query(Integer.class)
                                    .single())
                            .isZero();
                });
    }

    @Test
    void wiresNoDatabaseForAServiceWithoutALedger() {
        contexts.run(context -> assertThat(context)
                .doesNotHaveBean(DataSource.class)
                .doesNotHaveBean(JdbcClient.class)
                .doesNotHaveBean(TransactionTemplate.class));
    }

    @Test
    void keepsTheUrlASettingGivesAndFallsBackToTheServiceDefault() {
        LedgerProperties unset = new LedgerProperties(null, null, null, 5);
        LedgerProperties set = new LedgerProperties("jdbc:postgresql://db/ledger", "tide", "secret", 9);

        assertThat(unset.withDefaultUrl("jdbc:sqlite:.tidewater/a.db"))
                .isEqualTo(new LedgerProperties("jdbc:sqlite:.tidewater/a.db", null, null, 5));
        assertThat(set.withDefaultUrl("jdbc:sqlite:.tidewater/a.db")).isEqualTo(set);
    }

    @Test
    void refusesALedgerWithoutAUrl() {
        assertThatThrownBy(() -> new LedgerDatabase("ledger-test", new LedgerProperties(null, null, null, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot open the ledger of ledger-test: it has no JDBC URL");
    }

    private static LedgerProperties sqlite(String url) {
        return new LedgerProperties(url, null, null, 1);
    }
}
