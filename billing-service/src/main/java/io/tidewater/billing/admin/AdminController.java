package io.tidewater.billing.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tidewater.billing.config.BillingProperties;
import io.tidewater.billing.costs.BillingCosts;
import io.tidewater.billing.intake.Deliveries;
import io.tidewater.billing.ledger.CostLedger;
import io.tidewater.billing.ledger.CostLine;
import io.tidewater.billing.ledger.CostShadowing;
import io.tidewater.billing.ledger.DeliveryRecord;
import io.tidewater.billing.ledger.Dimension;
import io.tidewater.billing.ledger.PeriodHistory;
import io.tidewater.billing.ledger.PeriodNotFoundException;
import io.tidewater.billing.ledger.PeriodSummary;
import io.tidewater.billing.ledger.SkippedEvent;
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
    private final CostLedger costs;
    private final Deliveries deliveries;
    private final BillingProperties properties;

    AdminController(PeriodHistory history, CostLedger costs, Deliveries deliveries, BillingProperties properties) {
        this.history = history;
        this.costs = costs;
        this.deliveries = deliveries;
        this.properties = properties;
    }

    /**
     * A table's period: the reports that feed it, each with the delivery the table holds of it, every delivery it saw
     * (newest first) and the events that changed nothing.
     */
    record PeriodDetail(
            String table,
            String period,
            List<PeriodSummary> reports,
            List<DeliveryRecord> deliveries,
            List<SkippedEvent> skipped) {}

    @Operation(summary = "List billing periods of every table with their state (LOADING, ESTIMATED, FINAL, FAILED)")
    @GetMapping("/periods")
    List<PeriodSummary> periods() {
        return history.periods();
    }

    @Operation(summary = "A billing period: which reports feed it, their state, deliveries and skipped events")
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
        return new PeriodDetail(
                target, month, history.reports(target, month), deliveries, history.skippedEvents(target, month));
    }

    /**
     * Which reports of which generation feed billing.costs for a month, and which payers' rows of a report do not count
     * there because another generation delivered the same payer's month.
     */
    record MonthSources(String table, String period, List<SourceFeed> feeds, List<CostShadowing> shadowed) {}

    /** A report's delivery that feeds the month, with its generation. */
    record SourceFeed(String source, String table, String report, String assemblyId, Long rowsLoaded, Long costsRows) {}

    @Operation(summary = "Which sources feed billing.costs for a month, and which are shadowed by whom")
    @GetMapping("/months/{period}/sources")
    MonthSources sources(@Parameter(description = "the billing period, YYYY-MM") @PathVariable String period) {
        String month = month(period);
        BillingProperties.Tables tables = properties.tables();
        List<SourceFeed> feeds = costs.costFeeds(List.of(tables.cur(), tables.cur2(), tables.focus()), month).stream()
                .map(feed -> new SourceFeed(
                        BillingCosts.sourceOf(feed.table(), tables).name(),
                        feed.table(),
                        feed.report(),
                        feed.assemblyId(),
                        feed.rowsLoaded(),
                        feed.costsRows()))
                .toList();
        if (feeds.isEmpty()) {
            throw new PeriodNotFoundException("Cannot find the sources of %s %s: no delivery of the month was loaded"
                    .formatted(tables.costs(), month));
        }
        return new MonthSources(tables.costs(), month, feeds, costs.costShadowings(month));
    }

    @Operation(summary = "The unblended cost of the delivery a report's period holds, by service, account or day")
    @GetMapping("/periods/{period}/costs")
    List<CostLine> costs(
            @Parameter(description = "the billing period, YYYY-MM") @PathVariable String period,
            @Parameter(description = "SERVICE, ACCOUNT or DAY") @RequestParam(defaultValue = "SERVICE") Dimension by,
            @Parameter(description = "billing.cur (default), billing.cur2 or billing.focus")
                    @RequestParam(required = false)
                    String table,
            @Parameter(description = REPORT_PARAMETER) @RequestParam(required = false) String report) {
        String target = table(table);
        String month = month(period);
        return history.costs(target, report(target, month, report), month, by);
    }

    @Operation(summary = "Load the delivery a report's period holds again, replacing its rows in one commit")
    @PostMapping("/periods/{period}/reingest")
    ResponseEntity<DeliveryRecord> reingest(
            @Parameter(description = "the billing period, YYYY-MM") @PathVariable String period,
            @Parameter(description = "billing.cur (default), billing.cur2 or billing.focus")
                    @RequestParam(required = false)
                    String table,
            @Parameter(description = REPORT_PARAMETER) @RequestParam(required = false) String report) {
        String target = table(table);
        String month = month(period);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(deliveries.reingest(target, report(target, month, report), month));
    }

    private static final String REPORT_PARAMETER =
            "the report, as GET /admin/periods/{period} names it; may be left out when one report feeds the period";

    /** The report asked for, or the period's only one. */
    private String report(String table, String period, String report) {
        if (report != null) {
            return report;
        }
        List<String> reports = history.reports(table, period).stream()
                .map(PeriodSummary::report)
                .toList();
        if (reports.size() == 1) {
            return reports.get(0);
        }
        if (reports.isEmpty()) {
            throw new PeriodNotFoundException("Cannot find %s %s: no delivery of it arrived".formatted(table, period));
        }
        throw new IllegalArgumentException("Cannot choose a report of %s %s: %d reports feed it, name one of %s"
                .formatted(table, period, reports.size(), reports));
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
