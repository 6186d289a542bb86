package io.tidewater.loader.load;

import io.tidewater.contract.LoadJob;
import io.tidewater.contract.LoadResult;

/**
 * Told about every job {@link LoadJobRunner} runs, whoever submitted it (the jobs queue or the admin API), on the
 * thread that runs it. Must be quick and must not throw.
 */
public interface LoadJobObserver {

    void started(LoadJob job);

    void completed(LoadJob job, LoadResult.LoadCompleted result);

    void failed(LoadJob job, RuntimeException failure);
}
