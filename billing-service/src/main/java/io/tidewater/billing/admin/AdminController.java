package io.tidewater.billing.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidewater.billing.config.BillingProperties;
import io.tidewater.billing.delivery.Deliveries;
import io.tidewater.billing.period.CostLine;
import io.tidewater.billing.period.DeliveryRecord;
import io.tidewater.billing.period.Dimension;
import io.tidewater.billing.period.PeriodHistory;
import io.tidewater.billing.period.PeriodNotFoundException;
import io.tidewater.billing.period.PeriodSummary;
import io.tidewater.billing.period.SkippedEvent;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Billing periods, their deliveries and costs, and re-ingesting a period. */
@RestController
@RequestMapping("/admin")
@Tag(name = "billing admin", description = "Billing periods and their deliveries")
class AdminController {

    private final PeriodHistory history;
    private final Deliveries deliveries;
    private final BillingProperties properties;

    AdminController(PeriodHistory history, Deliveries deliveries, BillingProperties properties) {
        this.history = history;
        this.deliveries = deliveries;
        this.properties = properties;
    }

    /** A period, the deliveries it saw (newest first) and the events that changed nothing. */
    record PeriodDetail(PeriodSummary period, List<DeliveryRecord> deliveries, List<SkippedEvent> skipped) {}

    @Operation(summary = "List billing periods of every table with their state (LOADING, ESTIMATED, FINAL, FAILED)")
    @GetMapping("/periods")
    List<PeriodSummary> periods() {
        return history.periods();
    }

    @Operation(summary = "A billing period's state, deliveries and skipped events")
    @GetMapping("/periods/{period}")
    PeriodDetail period(
            @Parameter(description = "the billing period, YYYY-MM") @PathVariable String period,
            @Parameter(description = "billing.cur (default), billing.cur2 or billing.focus")
                    @RequestParam(required = false)
                    String table) {
        String target = table(table);
        String month = month(period);
        List<DeliveryRecord> deliveries = history.deliveries(target, month);
        if (deliveries.isEmpty()) {
            throw new PeriodNotFoundException("Cannot find %s %s: no delivery of it arrived".formatted(target, month));
        }
        return new PeriodDetail(history.summary(target, month), deliveries, history.skippedEvents(target, month));
    }

    @Operation(summary = "The unblended cost of the delivery a period holds, by service, account or day")
    @GetMapping("/periods/{period}/costs")
    List<CostLine> costs(
            @Parameter(description = "the billing period, YYYY-MM") @PathVariable String period,
            @Parameter(description = "SERVICE, ACCOUNT or DAY") @RequestParam(defaultValue = "SERVICE") Dimension by,
            @Parameter(description = "billing.cur (default), billing.cur2 or billing.focus")
                    @RequestParam(required = false)
                    String table) {
        return history.costs(table(table), month(period), by);
    }

    @Operation(summary = "Load the delivery a period holds again, replacing the period in one commit")
    @PostMapping("/periods/{period}/reingest")
    ResponseEntity<DeliveryRecord> reingest(
            @Parameter(description = "the billing period, YYYY-MM") @PathVariable String period,
            @Parameter(description = "billing.cur (default), billing.cur2 or billing.focus")
                    @RequestParam(required = false)
                    String table) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(deliveries.reingest(table(table), month(period)));
    }

    private String table(String table) {
        if (table == null || table.isBlank()) {
            return properties.tables().cur();
        }
        BillingProperties.Tables tables = properties.tables();
        if (!List.of(tables.cur(), tables.cur2(), tables.focus()).contains(table)) {
            throw new IllegalArgumentException("Cannot use table '%s': expected one of %s, %s, %s"
                    .formatted(table, tables.cur(), tables.cur2(), tables.focus()));
        }
        return table;
    }

    private static String month(String period) {
        try {
            return YearMonth.parse(period).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "Cannot read billing period '%s': expected YYYY-MM".formatted(period), e);
        }
    }
}
