package io.tidewater.inventory.results;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.tidewater.contract.LoadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Records what the loader did with each inventory report. */
@Component
class LoadResultListener {

    private static final Logger log = LoggerFactory.getLogger(LoadResultListener.class);

    private final LoadResults results;

    LoadResultListener(LoadResults results) {
        this.results = results;
    }

    @SqsListener("${tidewater.inventory.load-results-queue}")
    void onLoadResult(LoadResult result) {
        if (result instanceof LoadResult.LoadCompleted completed) {
            log.info(
                    "Run {}: {} rows loaded into {} (snapshot {}, {} ms{})",
                    completed.runId(),
                    completed.rowsWritten(),
                    completed.table(),
                    completed.snapshotId(),
                    completed.durationMillis(),
                    completed.alreadyLoaded() ? ", already loaded" : "");
        } else if (result instanceof LoadResult.LoadFailed failed) {
            log.warn("Run {}: load into {} failed: {}", failed.runId(), failed.table(), failed.reason());
        }
        results.onLoadResult(result);
    }
}
