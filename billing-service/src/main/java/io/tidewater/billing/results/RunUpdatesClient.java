package io.tidewater.billing.results;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.billing.config.BillingProperties;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.RunState;
import io.tidewater.contract.RunUpdated;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Tells the workflow trigger's run ledger how a billing run is going. */
@Component
public class RunUpdatesClient {

    private final SqsTemplate sqs;
    private final BillingProperties properties;
    private final Clock clock;

    RunUpdatesClient(SqsTemplate sqs, BillingProperties properties, Clock billingClock) {
        this.sqs = sqs;
        this.properties = properties;
        this.clock = billingClock;
    }

    public void send(String runId, RunState state, String table, long rows, String detail) {
        RunUpdated update = new RunUpdated(runId, state, table, rows, detail, clock.instant());
        sqs.send(to -> to.queue(properties.runUpdatesQueue()).payload(MessageJson.write(update)));
    }
}
