package dev.anshin.demo;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * When the demo's simulated people act: their reports some seconds after a fraud, and their rounds
 * (following cases, booking slots, asking about their data). Stopped first when the server shuts
 * down, while it still answers: what was due later is dropped, what runs now finishes, nothing is
 * interrupted (an interrupt inside the embedded database's file read breaks that read). Otherwise
 * the reports due during shutdown fail against a closed port, one WARN each.
 */
final class DemoSchedule {

    private final ScheduledThreadPoolExecutor executor;

    DemoSchedule(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code action} every {@code every} after a first {@code after} (seconds), until stopped. */
    void every(Runnable action, long after, long every) {
        try {
            executor.scheduleWithFixedDelay(action, after, every, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopped) {
            // shutting down: nobody acts any more
        }
    }

    /** Runs {@code action} once, {@code after} seconds from now, unless stopped before. */
    void later(Runnable action, long after) {
        try {
            executor.schedule(action, after, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopped) {
            // shutting down: the report is not made
        }
    }

    /** Drops what was due later and waits up to {@code wait} for what runs now; whether it finished. */
    boolean stop(Duration wait) {
        executor.shutdown();
        try {
            return executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether it was stopped. */
    boolean stopped() {
        return executor.isShutdown();
    }

    /** The last resort at the very end, should something still run. */
    void stopNow() {
        executor.shutdownNow();
    }
}
