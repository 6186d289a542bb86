package io.tidewater.billing.config;

import io.tidewater.service.ledger.LedgerProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
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
 * @param costs how {@code billing.costs} counts a payer's month that two report generations deliver
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
        @DefaultValue LedgerProperties ledger,
        @DefaultValue @Valid Costs costs) {

    @ConstructorBinding
    public BillingProperties {
        ledger = ledger.withDefaultUrl("jdbc:sqlite:.tidewater/billing-service.db");
    }

    /** Without cost settings: the defaults. */
    public BillingProperties(
            String reportsQueue,
            String loadJobsQueue,
            String loadResultsQueue,
            String runUpdatesQueue,
            String evolutionPolicy,
            Tables tables,
            LedgerProperties ledger) {
        this(
                reportsQueue,
                loadJobsQueue,
                loadResultsQueue,
                runUpdatesQueue,
                evolutionPolicy,
                tables,
                ledger,
                new Costs(Costs.DEFAULT_PRECEDENCE));
    }

    /**
     * @param cur legacy Cost and Usage Reports
     * @param cur2 CUR 2.0 Data Exports
     * @param focus FOCUS 1.0 and 1.2 Data Exports
     * @param costs one FOCUS-shaped row per line item of every generation, written with each delivery's load
     */
    public record Tables(
            @DefaultValue("billing.cur") @NotBlank String cur,
            @DefaultValue("billing.cur2") @NotBlank String cur2,
            @DefaultValue("billing.focus") @NotBlank String focus,
            @DefaultValue("billing.costs") @NotBlank String costs) {

        @ConstructorBinding
        public Tables {}

        /** The source tables, with the cost table's default name. */
        public Tables(String cur, String cur2, String focus) {
            this(cur, cur2, focus, "billing.costs");
        }
    }

    /**
     * @param precedence the report generations, {@code focus}, {@code cur2} and {@code cur}, each once: when two of them
     *     deliver the same payer's month, the rows of the first count and the other's are shadowed
     */
    public record Costs(@DefaultValue({"focus", "cur2", "cur"}) List<String> precedence) {

        static final List<String> DEFAULT_PRECEDENCE = List.of("focus", "cur2", "cur");

        public Costs {
            precedence = List.copyOf(precedence);
            List<String> sorted = precedence.stream().sorted().toList();
            if (!sorted.equals(List.of("cur", "cur2", "focus"))) {
                throw new IllegalArgumentException(
                        "Cannot rank the cost sources %s: name each of focus, cur2 and cur once".formatted(precedence));
            }
        }
    }
}
