package dev.anshin.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's applicants arriving continuously: one every {@code 60 / applicants-per-minute} seconds, each
 * taken through {@link ApplicantJourney} on a thread of its own (a person's journey is a minute or two
 * of their own steps, so several are on their way at once). A line each minute counts the decisions
 * against the simulator's truth ({@link ApplicantTally}).
 *
 * <p>Stopping is quiet: no new applicant arrives, every pause ends at once and its journey stops where it
 * is (nothing is interrupted: an interrupt inside the embedded database's file read breaks that read),
 * and what is mid-request finishes while the server still answers.
 */
final class DemoApplications {

    private static final Logger log = LoggerFactory.getLogger(DemoApplications.class);
    /** At most this many applicants on their way at once; arrivals beyond wait for one to finish. */
    static final int AT_ONCE = 12;

    private final DemoApplicants applicants;
    private final ApplicantJourney journey;
    private final ApplicantTally tally;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final ScheduledThreadPoolExecutor arrivals;
    private final ThreadPoolExecutor journeys;
    private final AtomicInteger failuresLogged = new AtomicInteger();

    DemoApplications(DemoApplicants applicants, Function<ApplicantJourney.Pauses, ApplicantJourney> journeys,
            ApplicantTally tally) {
        this.applicants = applicants;
        this.tally = tally;
        this.journey = journeys.apply(this::pause);
        this.arrivals = new ScheduledThreadPoolExecutor(1, daemon("demo-applicants"));
        this.arrivals.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.arrivals.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.journeys = new ThreadPoolExecutor(AT_ONCE, AT_ONCE, 30, TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), daemon("demo-applicant"));
        this.journeys.allowCoreThreadTimeOut(true);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Starts the arrivals ({@code perMinute} applicants a minute) and the line each minute. */
    void start(double perMinute) {
        long everyMillis = (long) (60_000 / perMinute);
        try {
            arrivals.scheduleAtFixedRate(this::arrive, 1_000, everyMillis, TimeUnit.MILLISECONDS);
            arrivals.scheduleWithFixedDelay(() -> {
                if (tally.finished() > 0) {
                    log.info(tally.line());
                }
            }, 60, 60, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopped) {
            // stopping already
        }
        log.info("demo: applicants arrive, {} a minute (genuine, over-asking, synthetic identities, a device farm, "
                + "bots, stolen identities); a line each minute counts the decisions against the simulator's truth",
                perMinute);
    }

    /** One applicant arrives and sets off. */
    void arrive() {
        SimulatedApplicant applicant = applicants.next();
        try {
            journeys.execute(() -> go(applicant));
        } catch (RejectedExecutionException stopped) {
            // stopping: nobody new sets off
        }
    }

    /** Takes one applicant through (on the caller's thread): what a measurement calls. */
    ApplicantJourney.Outcome go(SimulatedApplicant applicant) {
        tally.started();
        try {
            ApplicantJourney.Outcome outcome = journey.run(applicant);
            tally.record(outcome);
            if (outcome.failure() != null && failuresLogged.incrementAndGet() <= 20) {
                log.info("demo: applicant {} ({}): {}", applicant.index(), applicant.kind().label(), outcome.failure());
            }
            return outcome;
        } catch (ApplicantJourney.Stopped stopped) {
            tally.stoppedHalfway();
        } catch (IOException | RuntimeException e) {
            tally.stoppedHalfway();
            if (stop.getCount() > 0) {
                log.warn("demo: applicant {} ({}) could not go on: {}", applicant.index(), applicant.kind().label(),
                        e.getClass().getSimpleName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tally.stoppedHalfway();
        }
        return null;
    }

    ApplicantTally tally() {
        return tally;
    }

    /** The applicant's pause; false as soon as the demo stops. */
    private boolean pause(Duration duration) {
        try {
            return !stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** No new applicant; journeys end at their next pause; waits up to {@code wait} for requests in flight. */
    boolean stop(Duration wait) {
        stop.countDown();
        arrivals.shutdownNow();
        journeys.shutdown();
        try {
            return journeys.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
