package io.tidewater.billing.delivery;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.tidewater.contract.LoadResult;
import io.tidewater.contract.MessageJson;
import org.springframework.stereotype.Component;

/** Takes the loader's replies to billing load jobs. */
@Component
class LoadResultListener {

    private final Deliveries deliveries;

    LoadResultListener(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @SqsListener(
            value = "${tidewater.billing.load-results-queue}",
            maxConcurrentMessages = "1",
            maxMessagesPerPoll = "1")
    void onLoadResult(String body) {
        deliveries.loadResult(MessageJson.read(body, LoadResult.class));
    }
}
