package io.tidewater.loader.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a load's progress is added up from what Spark reports of its job group's tasks. */
class JobGroupInputListenerTest {

    private final JobGroupInputListener listener = new JobGroupInputListener();
    private final InputProgress load = new InputProgress();

    @Test
    void runningTasksCountWithTheirLatestHeartbeatAndFinishedTasksWithTheirFinalFigures() {
        listener.track("load-1", load);
        listener.jobStarted(7, "load-1", List.of(11, 12));

        listener.taskRunning(11, 100, 1_000, 10_000);
        listener.taskRunning(11, 101, 500, 5_000);
        listener.taskRunning(11, 100, 3_000, 30_000);
        assertThat(load.rows()).isEqualTo(3_500);
        assertThat(load.bytes()).isEqualTo(35_000);

        listener.taskEnded(11, 100, 4_000, 40_000);
        listener.taskRunning(11, 100, 3_900, 39_000);
        assertThat(load.rows())
                .as("a heartbeat reported after the task's end changes nothing")
                .isEqualTo(4_500);

        listener.taskEnded(11, 101, 2_000, 20_000);
        listener.taskEnded(12, 102, 0, 0);
        assertThat(load.rows()).isEqualTo(6_000);
        assertThat(load.bytes()).isEqualTo(60_000);
    }

    @Test
    void tasksOfOtherGroupsAndOfEndedJobsAreNotCounted() {
        listener.track("load-1", load);
        listener.jobStarted(1, "someone-else", List.of(1));
        listener.jobStarted(2, null, List.of(2));
        listener.jobStarted(3, "load-1", List.of(3));

        listener.taskEnded(1, 10, 100, 100);
        listener.taskEnded(2, 20, 100, 100);
        listener.taskEnded(3, 30, 7, 70);
        listener.jobEnded(3);
        listener.taskEnded(3, 31, 100, 100);

        assertThat(load.rows()).isEqualTo(7);
        assertThat(load.bytes()).isEqualTo(70);
    }

    @Test
    void aForgottenGroupTracksNoFurtherJobs() {
        listener.track("load-1", load);
        listener.forget("load-1");
        listener.jobStarted(1, "load-1", List.of(1));

        listener.taskEnded(1, 10, 100, 100);

        assertThat(load.rows()).isZero();
    }
}
