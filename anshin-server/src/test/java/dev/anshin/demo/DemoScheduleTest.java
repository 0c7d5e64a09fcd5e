package dev.anshin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DemoScheduleTest {

    @Test
    void stoppingDropsWhatWasDueLaterAndLetsWhatRunsFinishUninterrupted() throws Exception {
        DemoSchedule schedule = new DemoSchedule("test-demo");
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean laterRan = new AtomicBoolean();
        schedule.later(() -> {
            running.countDown();
            try {
                Thread.sleep(300);
                finished.set(true);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }, 0);
        schedule.later(() -> laterRan.set(true), 1);
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(schedule.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(finished).isTrue();
        assertThat(interrupted).isFalse();
        Thread.sleep(1_500);
        assertThat(laterRan).as("the report due after the stop").isFalse();
    }

    @Test
    void nothingIsScheduledOnceStopped() throws Exception {
        DemoSchedule schedule = new DemoSchedule("test-demo");
        schedule.stop(Duration.ofSeconds(1));
        AtomicBoolean ran = new AtomicBoolean();

        schedule.later(() -> ran.set(true), 0);
        schedule.every(() -> ran.set(true), 0, 1);
        Thread.sleep(300);

        assertThat(schedule.stopped()).isTrue();
        assertThat(ran).isFalse();
    }
}
