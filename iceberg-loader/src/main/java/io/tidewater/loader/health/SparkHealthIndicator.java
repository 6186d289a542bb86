package io.tidewater.loader.health;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Up while the Spark driver runs and has executors: a stopped context (after an out-of-memory error, say) or a cluster
 * that lost every executor can take no load job.
 */
@Component("sparkHealthIndicator")
public class SparkHealthIndicator extends AbstractHealthIndicator {

    private final SparkSession spark;

    /** Public for the standalone-cluster IT, which checks that it counts a worker's executor. */
    public SparkHealthIndicator(SparkSession spark) {
        super("Cannot check the Spark driver");
        this.spark = spark;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SparkContext context = spark.sparkContext();
        builder.withDetail("master", context.master());
        if (context.isStopped()) {
            builder.down().withDetail("reason", "the Spark context is stopped");
            return;
        }
        // In local mode the driver is the executor; on a cluster the driver is listed too and runs no tasks.
        int executors = context.statusTracker().getExecutorInfos().length;
        int workers = context.isLocal() ? executors : executors - 1;
        builder.withDetail("executors", workers);
        if (workers < 1) {
            builder.down().withDetail("reason", "no executor is alive");
        } else {
            builder.up();
        }
    }
}
