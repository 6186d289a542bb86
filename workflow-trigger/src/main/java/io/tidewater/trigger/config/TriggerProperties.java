package io.tidewater.trigger.config;

import io.tidewater.service.ledger.LedgerProperties;
import io.tidewater.trigger.routing.Route;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The trigger's settings under {@code tidewater.trigger}.
 *
 * @param eventsQueue the queue S3 event notifications arrive on
 * @param runUpdatesQueue the queue the domain services send {@code RunUpdated} to
 * @param allowedBuckets buckets whose events are processed; events for any other bucket are rejected
 * @param allowedAccounts accounts whose events are processed when the envelope names one (EventBridge); empty allows
 *     any
 * @param routes completion-marker rules, first match wins
 * @param sweep the backup sweep that finds markers whose event never came
 * @param ledger where the run ledger lives
 * @param notifications where run summaries go when a run ends
 */
@Validated
@ConfigurationProperties("tidewater.trigger")
public record TriggerProperties(
        @NotBlank String eventsQueue,
        @DefaultValue("tidewater-run-updates") @NotBlank String runUpdatesQueue,
        @NotEmpty List<String> allowedBuckets,
        @DefaultValue List<String> allowedAccounts,
        @NotEmpty List<@Valid Route> routes,
        @DefaultValue @Valid Sweep sweep,
        @DefaultValue LedgerProperties ledger,
        @DefaultValue @Valid Notifications notifications) {

    public TriggerProperties {
        ledger = ledger == null ? null : ledger.withDefaultUrl("jdbc:sqlite:.tidewater/workflow-trigger.db");
        allowedBuckets = List.copyOf(allowedBuckets);
        allowedAccounts = allowedAccounts == null ? List.of() : List.copyOf(allowedAccounts);
        routes = List.copyOf(routes);
    }

    /**
     * @param cron when to sweep (Spring cron with seconds; {@code -} turns the sweep off)
     * @param maxAge markers older than this are left alone, so that a first sweep does not replay years of history
     */
    public record Sweep(
            @DefaultValue("0 0 */6 * * *") @NotBlank String cron, @DefaultValue("P7D") @NotNull Duration maxAge) {}

    /**
     * @param queue the queue a run summary goes to when a run succeeds, fails or is quarantined; blank sends none
     */
    public record Notifications(@DefaultValue("tidewater-run-notifications") String queue) {
        public boolean enabled() {
            return queue != null && !queue.isBlank();
        }
    }
}
