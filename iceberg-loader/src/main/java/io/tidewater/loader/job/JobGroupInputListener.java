package io.tidewater.loader.job;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.Tuple4;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Adds what the tasks of a Spark job group read to that group's {@link InputProgress}. Spark jobs name their group in
 * their properties; tasks name only their stage, so the stages of each tracked job are remembered while it runs.
 */
final class JobGroupInputListener extends SparkListener {

    /** The local property {@link org.apache.spark.SparkContext#setJobGroup} sets; Spark keeps its constant private. */
    static final String SPARK_JOB_GROUP = "spark.jobGroup.id";

    private static final String RECORDS_READ = "internal.metrics.input.recordsRead";
    private static final String BYTES_READ = "internal.metrics.input.bytesRead";

    private final Map<String, InputProgress> byGroup = new ConcurrentHashMap<>();
    private final Map<Integer, InputProgress> byStage = new ConcurrentHashMap<>();
    private final Map<Integer, List<Integer>> stagesBySparkJob = new ConcurrentHashMap<>();

    void track(String group, InputProgress progress) {
        byGroup.put(group, progress);
    }

    /** Spark reports asynchronously: a group is forgotten only once nobody asks about its load any more. */
    void forget(String group) {
        byGroup.remove(group);
    }

    void jobStarted(int sparkJobId, String group, List<Integer> stages) {
        InputProgress progress = group == null ? null : byGroup.get(group);
        if (progress != null) {
            stages.forEach(stage -> byStage.put(stage, progress));
            stagesBySparkJob.put(sparkJobId, stages);
        }
    }

    void taskRunning(int stage, long taskId, long rows, long bytes) {
        InputProgress progress = byStage.get(stage);
        if (progress != null) {
            progress.running(taskId, rows, bytes);
        }
    }

    void taskEnded(int stage, long taskId, long rows, long bytes) {
        InputProgress progress = byStage.get(stage);
        if (progress != null) {
            progress.finished(taskId, rows, bytes);
        }
    }

    void jobEnded(int sparkJobId) {
        List<Integer> stages = stagesBySparkJob.remove(sparkJobId);
        if (stages != null) {
            stages.forEach(byStage::remove);
        }
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        Properties properties = start.properties();
        jobStarted(
                start.jobId(),
                properties == null ? null : properties.getProperty(SPARK_JOB_GROUP),
                CollectionConverters.asJava(start.stageIds()).stream()
                        .map(stage -> (Integer) stage)
                        .toList());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        TaskMetrics metrics = end.taskMetrics();
        if (metrics != null) {
            taskEnded(
                    end.stageId(),
                    end.taskInfo().taskId(),
                    metrics.inputMetrics().recordsRead(),
                    metrics.inputMetrics().bytesRead());
        }
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, Seq<AccumulableInfo>> task :
                CollectionConverters.asJava(update.accumUpdates())) {
            long rows = 0;
            long bytes = 0;
            for (AccumulableInfo accumulator : CollectionConverters.asJava(task._4())) {
                String name =
                        accumulator.name().isDefined() ? accumulator.name().get() : "";
                Object value =
                        accumulator.update().isDefined() ? accumulator.update().get() : null;
                if (value instanceof Number number && RECORDS_READ.equals(name)) {
                    rows = number.longValue();
                } else if (value instanceof Number number && BYTES_READ.equals(name)) {
                    bytes = number.longValue();
                }
            }
            taskRunning((Integer) task._2(), (Long) task._1(), rows, bytes);
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
        jobEnded(end.jobId());
    }
}
