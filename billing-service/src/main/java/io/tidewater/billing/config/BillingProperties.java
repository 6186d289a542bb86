package io.tidewater.billing.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The billing service's settings under {@code tidewater.billing}.
 *
 * @param reportsQueue where the trigger announces CUR and Data Exports manifests
 * @param loadJobsQueue where load jobs go to the loader
 * @param loadResultsQueue where the loader replies to this service (not shared with another service)
 * @param runUpdatesQueue where {@code RunUpdated} goes for the trigger's run ledger
 * @param evolutionPolicy the schema evolution policy for columns that come and go with usage
 * @param tables the target tables
 * @param ledger where the period ledger lives
 */
@Validated
@ConfigurationProperties("tidewater.billing")
public record BillingProperties(
        @DefaultValue("tidewater-billing-reports") @NotBlank String reportsQueue,
        @DefaultValue("tidewater-billing-load-jobs") @NotBlank String loadJobsQueue,
        @DefaultValue("tidewater-billing-load-results") @NotBlank String loadResultsQueue,
        @DefaultValue("tidewater-run-updates") @NotBlank String runUpdatesQueue,
        @DefaultValue("addNewColumns") @NotBlank String evolutionPolicy,
        @DefaultValue @Valid Tables tables,
        @DefaultValue @Valid Ledger ledger) {

    /**
     * @param cur legacy Cost and Usage Reports
     * @param cur2 CUR 2.0 Data Exports
     * @param focus FOCUS 1.0 and 1.2 Data Exports
     */
    public record Tables(
            @DefaultValue("billing.cur") @NotBlank String cur,
            @DefaultValue("billing.cur2") @NotBlank String cur2,
            @DefaultValue("billing.focus") @NotBlank String focus) {}

    /**
     * @param url a JDBC URL, {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://...}
     * @param username the database user, if the URL needs one
     * @param password the database password, if the URL needs one
     * @param maximumPoolSize connections to PostgreSQL; SQLite always gets one, as it takes one writer at a time
     */
    public record Ledger(
            @DefaultValue("jdbc:sqlite:.tidewater/billing-service.db") @NotBlank String url,
            String username,
            String password,
            @DefaultValue("5") @Positive int maximumPoolSize) {}
}
