package io.tidewater.inventory.results;

import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.tidewater.contract.MessageJson;
import io.tidewater.contract.RunState;
import io.tidewater.contract.RunUpdated;
import io.tidewater.inventory.config.InventoryProperties;
import io.tidewater.inventory.ledger.Report;
import io.tidewater.inventory.ledger.ReportOrigin;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Tells the workflow trigger's run ledger how a routed report is going; admin intakes have no run there. */
@Component
public class RunUpdates {

    private final SqsTemplate sqs;
    private final InventoryProperties properties;
    private final Clock clock;

    RunUpdates(SqsTemplate sqs, InventoryProperties properties, Clock inventoryClock) {
        this.sqs = sqs;
        this.properties = properties;
        this.clock = inventoryClock;
    }

    public void send(Report report, RunState state, long rows, String detail) {
        if (report.origin() != ReportOrigin.EVENT) {
            return;
        }
        RunUpdated update = new RunUpdated(report.runId(), state, properties.table(), rows, detail, clock.instant());
        sqs.send(to -> to.queue(properties.runUpdatesQueue()).payload(MessageJson.write(update)));
    }
}
