package io.tidewater.billing.results;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.tidewater.contract.LoadResult;
import org.springframework.stereotype.Component;

/** Takes the loader's replies to billing load jobs. */
@Component
class LoadResultListener {

    private final LoadResults results;

    LoadResultListener(LoadResults results) {
        this.results = results;
    }

    @SqsListener(
            value = "${tidewater.billing.load-results-queue}",
            maxConcurrentMessages = "1",
            maxMessagesPerPoll = "1")
    void onLoadResult(LoadResult result) {
        results.onLoadResult(result);
    }
}
