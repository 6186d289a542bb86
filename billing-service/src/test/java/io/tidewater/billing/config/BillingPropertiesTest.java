package io.tidewater.billing.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewater.service.ledger.LedgerProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class BillingPropertiesTest {

    private static BillingProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("tidewater.billing", BillingProperties.class);
    }

    @Test
    void defaultsNameTheLocalQueuesTablesAndSqliteLedger() {
        BillingProperties properties = bind(Map.of());

        assertThat(properties.reportsQueue()).isEqualTo("tidewater-billing-reports");
        assertThat(properties.loadJobsQueue()).isEqualTo("tidewater-billing-load-jobs");
        assertThat(properties.loadResultsQueue()).isEqualTo("tidewater-billing-load-results");
        assertThat(properties.runUpdatesQueue()).isEqualTo("tidewater-run-updates");
        assertThat(properties.evolutionPolicy()).isEqualTo("addNewColumns");
        assertThat(properties.tables())
                .isEqualTo(new BillingProperties.Tables("billing.cur", "billing.cur2", "billing.focus"));
        assertThat(properties.ledger().url()).isEqualTo("jdbc:sqlite:.tidewater/billing-service.db");
        assertThat(properties.ledger().maximumPoolSize()).isEqualTo(5);
        assertThat(properties.tables().costs()).isEqualTo("billing.costs");
        assertThat(properties.costs().precedence()).containsExactly("focus", "cur2", "cur");
    }

    @Test
    void everyKebabCaseKeyBinds() {
        BillingProperties properties = bind(Map.ofEntries(
                Map.entry("tidewater.billing.reports-queue", "reports"),
                Map.entry("tidewater.billing.load-jobs-queue", "jobs"),
                Map.entry("tidewater.billing.load-results-queue", "results"),
                Map.entry("tidewater.billing.run-updates-queue", "updates"),
                Map.entry("tidewater.billing.evolution-policy", "rescue"),
                Map.entry("tidewater.billing.tables.cur", "finance.cur"),
                Map.entry("tidewater.billing.tables.cur2", "finance.cur2"),
                Map.entry("tidewater.billing.tables.focus", "finance.focus"),
                Map.entry("tidewater.billing.tables.costs", "finance.costs"),
                Map.entry("tidewater.billing.costs.precedence", "cur2,focus,cur"),
                Map.entry("tidewater.billing.ledger.url", "jdbc:postgresql://db/billing"),
                Map.entry("tidewater.billing.ledger.username", "billing"),
                Map.entry("tidewater.billing.ledger.password", "secret"),
                Map.entry("tidewater.billing.ledger.maximum-pool-size", "9")));

        assertThat(properties)
                .isEqualTo(new BillingProperties(
                        "reports",
                        "jobs",
                        "results",
                        "updates",
                        "rescue",
                        new BillingProperties.Tables("finance.cur", "finance.cur2", "finance.focus", "finance.costs"),
                        new LedgerProperties("jdbc:postgresql://db/billing", "billing", "secret", 9),
                        new BillingProperties.Costs(List.of("cur2", "focus", "cur"))));
    }

    @Test
    void refusesAPrecedenceThatDoesNotNameEachSourceOnce() {
        assertThatThrownBy(() -> bind(Map.of("tidewater.billing.costs.precedence", "focus,cur")))
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot rank the cost sources [focus, cur]: name each of focus, cur2 and cur once");
    }
}
