package io.tidewater.billing.operations;

import io.tidewater.billing.ledger.PeriodHistory;
import io.tidewater.billing.ledger.PeriodSummary;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/periods}: every billing period of every table with its state, current delivery, rows and
 * cost. Re-ingesting a period stays under {@code /admin}.
 */
@Component
@Endpoint(id = "periods")
class PeriodsEndpoint {

    private final PeriodHistory history;

    PeriodsEndpoint(PeriodHistory history) {
        this.history = history;
    }

    @ReadOperation
    List<PeriodSummary> periods() {
        return history.periods();
    }
}
