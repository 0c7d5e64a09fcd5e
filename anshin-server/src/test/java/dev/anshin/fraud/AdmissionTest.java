package dev.anshin.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RetryLater;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

class AdmissionTest {

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final List<Admission.Slot> held = new ArrayList<>();
    private DecisionJournal journal;
    /** Decisions the journal says wait for the database (its indexer is behind from 100 on here). */
    private volatile int pending;

    @AfterEach
    void release() {
        held.forEach(Admission.Slot::close);
        if (journal != null) {
            journal.stop();
        }
    }

    private Admission admission(int maxConcurrent, int maxWaiting, Duration deadline, FraudProperties.Overload mode,
            int rulesOnly, boolean journalRunning) {
        FraudProperties.AdmissionSettings settings = new FraudProperties.AdmissionSettings(true, maxConcurrent,
                maxWaiting, deadline, mode, rulesOnly, Duration.ofSeconds(2), Duration.ofSeconds(10),
                FraudProperties.RefusalTiming.AT_DEADLINE, 100, 2);
        FraudProperties properties = new FraudProperties(0.5, 0.9, Duration.ofDays(7), Duration.ofDays(35), 10, 100,
                Duration.ofSeconds(5), 100, 0, Duration.ofDays(60), Duration.ofMinutes(10), DecisionJournalTest.LOG_OFF,
                settings);
        journal = new DecisionJournal(new DecisionJournalTest.RecordingDecisions(),
                new TransactionTemplate(new DecisionJournalTest.NoTransactions()),
                new DecisionStatistics(Clock.systemUTC()), properties, List.of()) {
            @Override
            int pending() {
                return pending;
            }
        };
        if (journalRunning) {
            journal.start();
        }
        return new Admission(properties, journal, metrics);
    }

    private Admission admission(int maxConcurrent, int maxWaiting, Duration deadline) {
        return admission(maxConcurrent, maxWaiting, deadline, FraudProperties.Overload.REFUSE, 0, true);
    }

    private Admission.Slot hold(Admission admission) {
        Admission.Slot slot = admission.admit(System.nanoTime());
        held.add(slot);
        return slot;
    }

    private double count(String name, String... tags) {
        var counter = metrics.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void scoresUpToTheLimitAtOnce() {
        Admission admission = admission(2, 0, Duration.ofSeconds(1));

        assertThat(hold(admission).rulesOnly()).isFalse();
        assertThat(hold(admission).rulesOnly()).isFalse();

        assertThat(count("anshin.admission.admitted")).isEqualTo(2);
        assertThat(metrics.get("anshin.admission.in.flight").gauge().value()).isEqualTo(2);
    }

    @Test
    void scoresFewerAtOnceWhileTheIndexerIsBehind() throws Exception {
        Admission admission = admission(8, 4, Duration.ofSeconds(30));
        pending = 100;
        Admission.Slot first = hold(admission);
        hold(admission);

        // Two slots while behind, though six of the eight are free: the third is refused (its deadline past).
        long arrivedAnHourAgo = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
        assertThatThrownBy(() -> admission.admit(arrivedAnHourAgo))
                .isInstanceOfSatisfying(RetryLater.class, r -> assertThat(r.type()).isEqualTo(ProblemType.OVERLOADED));
        assertThat(count("anshin.admission.paced")).isEqualTo(2);

        // A waiter gets the permit a paced slot gives back.
        CompletableFuture<Admission.Slot> waiter =
                CompletableFuture.supplyAsync(() -> admission.admit(System.nanoTime()));
        awaitWaiting(admission, 1);
        first.close();
        held.add(waiter.get(10, TimeUnit.SECONDS));
        assertThat(count("anshin.admission.paced")).isEqualTo(3);

        // Caught up: every slot again.
        pending = 99;
        for (int i = 0; i < 6; i++) {
            hold(admission);
        }
        assertThat(metrics.get("anshin.admission.in.flight").gauge().value()).isEqualTo(8);
        assertThat(count("anshin.admission.paced")).isEqualTo(3);
    }

    @Test
    void givesThePacingPermitBackWhenInterruptedWhileWaitingForASlot() throws Exception {
        Admission admission = admission(2, 4, Duration.ofSeconds(30));
        Admission.Slot a = hold(admission);
        Admission.Slot b = hold(admission);
        pending = 100;
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                held.add(admission.admit(System.nanoTime()));
                outcome.complete(null);
            } catch (RuntimeException refused) {
                outcome.complete(refused);
            }
        });
        waiter.start();
        awaitWaiting(admission, 1); // it holds a pacing permit and waits for one of the two busy slots

        waiter.interrupt();

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(Admission.Refused.class);
        a.close();
        b.close();
        // Both pacing permits are free again: two authorizations are scored while behind.
        long arrivedAnHourAgo = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
        held.add(admission.admit(arrivedAnHourAgo));
        held.add(admission.admit(arrivedAnHourAgo));
        assertThat(count("anshin.admission.paced")).isEqualTo(2);
    }

    @Test
    void pacesForTheIndexerByDefaultOnlyWhenTheDatabaseRunsInThisProcess() {
        assertThat(Admission.indexerBehindAt(0, "jdbc:h2:file:/data/anshin;WRITE_DELAY=0")).isEqualTo(1_000);
        assertThat(Admission.indexerBehindAt(0, "jdbc:h2:mem:test")).isEqualTo(1_000);
        assertThat(Admission.indexerBehindAt(0, "jdbc:h2:tcp://db/anshin")).isEqualTo(Integer.MAX_VALUE);
        assertThat(Admission.indexerBehindAt(0, "jdbc:postgresql://127.0.0.1:5432/anshin")).isEqualTo(Integer.MAX_VALUE);
        assertThat(Admission.indexerBehindAt(0, "")).isEqualTo(Integer.MAX_VALUE);
        assertThat(Admission.indexerBehindAt(2_500, "jdbc:postgresql://127.0.0.1:5432/anshin")).isEqualTo(2_500);
    }

    @Test
    void refusesAtOnceWithRetryAfterWhenEverySlotIsBusyAndNoneMayWait() {
        Admission admission = admission(1, 0, Duration.ofSeconds(10));
        hold(admission);

        assertThatThrownBy(() -> admission.admit(System.nanoTime()))
                // Refused: the controller hands it to HeldRefusals, answered at the deadline.
                .isInstanceOf(Admission.Refused.class)
                .isInstanceOfSatisfying(RetryLater.class, refused -> {
                    assertThat(refused.type()).isEqualTo(ProblemType.OVERLOADED);
                    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(2));
                });
        assertThat(count("anshin.admission.shed", "reason", "overloaded")).isEqualTo(1);
    }

    @Test
    void aWaitingAuthorizationGetsTheNextFreeSlot() throws Exception {
        Admission admission = admission(1, 1, Duration.ofSeconds(30));
        Admission.Slot busy = hold(admission);
        CompletableFuture<Admission.Slot> waiter = CompletableFuture.supplyAsync(() -> admission.admit(System.nanoTime()));
        awaitWaiting(admission, 1);
        assertThat(waiter).isNotDone();

        busy.close();

        Admission.Slot slot = waiter.get(10, TimeUnit.SECONDS);
        held.add(slot);
        assertThat(slot.rulesOnly()).isFalse();
    }

    @Test
    void refusesWhoWouldWaitBeyondMaxWaiting() throws Exception {
        Admission admission = admission(1, 1, Duration.ofSeconds(30));
        hold(admission);
        CompletableFuture<Admission.Slot> waiter = CompletableFuture.supplyAsync(() -> admission.admit(System.nanoTime()));
        awaitWaiting(admission, 1);

        assertThatThrownBy(() -> admission.admit(System.nanoTime())).isInstanceOf(RetryLater.class);
        assertThat(waiter).isNotDone();
        waiter.cancel(true);
    }

    @Test
    void givesUpWaitingOnceTheDeadlineIsNear() {
        Admission admission = admission(1, 10, Duration.ofMillis(100));
        hold(admission);

        assertThatThrownBy(() -> admission.admit(System.nanoTime()))
                .isInstanceOfSatisfying(RetryLater.class, r -> assertThat(r.type()).isEqualTo(ProblemType.OVERLOADED));
        assertThat(metrics.get("anshin.admission.waiting").gauge().value()).isZero();
    }

    @Test
    void doesNotWaitForARequestWhoseDeadlineHasPassedAlready() {
        Admission admission = admission(1, 10, Duration.ofHours(1));
        hold(admission);
        long arrivedTwoHoursAgo = System.nanoTime() - TimeUnit.HOURS.toNanos(2);

        // Would block for an hour if it waited: returns at once instead.
        assertThatThrownBy(() -> admission.admit(arrivedTwoHoursAgo)).isInstanceOf(RetryLater.class);
    }

    @Test
    void decidesByRulesAloneWhenTheIssuerAskedForItWhileARulesOnlySlotIsFree() {
        Admission admission = admission(1, 0, Duration.ofSeconds(1), FraudProperties.Overload.RULES_ONLY, 1, true);
        hold(admission);

        Admission.Slot byRules = hold(admission);

        assertThat(byRules.rulesOnly()).isTrue();
        assertThat(count("anshin.admission.rules.only")).isEqualTo(1);
        assertThatThrownBy(() -> admission.admit(System.nanoTime()))
                .isInstanceOfSatisfying(RetryLater.class, r -> assertThat(r.type()).isEqualTo(ProblemType.OVERLOADED));
        byRules.close();
        assertThat(hold(admission).rulesOnly()).isTrue();
    }

    @Test
    void refusesBeforeScoringWhatCouldNotBeRecorded() {
        Admission admission = admission(4, 4, Duration.ofSeconds(1), FraudProperties.Overload.RULES_ONLY, 1, false);

        // The journal is not running (a server stopping): answered at once, not held.
        assertThatThrownBy(() -> admission.admit(System.nanoTime()))
                .isNotInstanceOf(Admission.Refused.class)
                .isInstanceOfSatisfying(RetryLater.class, r -> assertThat(r.type()).isEqualTo(ProblemType.UNAVAILABLE));
        assertThat(count("anshin.admission.shed", "reason", "decision-log")).isEqualTo(1);
        assertThat(count("anshin.admission.admitted")).isZero();
    }

    @Test
    void letsEverythingThroughWhenDisabled() {
        FraudProperties.AdmissionSettings off = DecisionJournalTest.ADMISSION_OFF;
        FraudProperties properties = new FraudProperties(0.5, 0.9, Duration.ofDays(7), Duration.ofDays(35), 10, 100,
                Duration.ofSeconds(5), 100, 0, Duration.ofDays(60), Duration.ofMinutes(10), DecisionJournalTest.LOG_OFF,
                new FraudProperties.AdmissionSettings(false, 1, 0, off.deadline(), off.whenOverloaded(), 0,
                        off.retryAfter(), off.logInterval(), off.answerRefusals(), off.indexerBehindAt(),
                        off.maxConcurrentWhileBehind()));
        Admission admission = new Admission(properties, null, metrics);

        for (int i = 0; i < 10; i++) {
            hold(admission);
        }
        assertThat(count("anshin.admission.shed", "reason", "overloaded")).isZero();
    }

    /**
     * The counters the logs, health and metrics show come back to zero whichever way an
     * authorization leaves: admitted at once, admitted after waiting, given up at its deadline,
     * refused with no room to wait, interrupted while waiting, or failing while being scored.
     */
    @Test
    void countsNothingBusyOrWaitingOnceEveryAuthorizationHasLeftWhateverTheWay() throws Exception {
        Admission admission = admission(1, 1, Duration.ofSeconds(30));

        // Admitted at once, then scoring fails: the slot is given back all the same.
        assertThatThrownBy(() -> {
            try (Admission.Slot slot = admission.admit(System.nanoTime())) {
                assertThat(admission.inFlight()).isEqualTo(1);
                throw new IllegalStateException("scoring failed");
            }
        }).hasMessage("scoring failed");
        assertIdle(admission);

        // One waits for the busy slot; the next finds no room to wait and is refused at once; the
        // waiter is interrupted and refused too.
        Admission.Slot busy = admission.admit(System.nanoTime());
        List<Throwable> outcome = new ArrayList<>();
        Thread interrupted = new Thread(() -> {
            try {
                admission.admit(System.nanoTime()).close();
            } catch (RuntimeException e) {
                outcome.add(e);
            }
        });
        interrupted.start();
        awaitWaiting(admission, 1);
        assertThatThrownBy(() -> admission.admit(System.nanoTime())).isInstanceOf(RetryLater.class);
        assertThat(admission.waiting()).as("a refused arrival is not counted as waiting").isEqualTo(1);
        interrupted.interrupt();
        interrupted.join(10_000);
        assertThat(interrupted.isAlive()).isFalse();
        assertThat(outcome).singleElement().isInstanceOf(RetryLater.class);
        assertThat(admission.waiting()).isZero();

        // Waits, gets the slot once it is freed, and fails while being scored.
        CompletableFuture<Void> waitedThenFailed = CompletableFuture.runAsync(() -> {
            try (Admission.Slot slot = admission.admit(System.nanoTime())) {
                throw new IllegalStateException("scoring failed");
            }
        });
        awaitWaiting(admission, 1);
        busy.close();
        assertThatThrownBy(() -> waitedThenFailed.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class);
        assertIdle(admission);

        // Waits until its deadline and gives up.
        Admission.Slot again = admission.admit(System.nanoTime());
        long arrivedAlmostThirtySecondsAgo = System.nanoTime() - Duration.ofSeconds(30).minusMillis(50).toNanos();
        assertThatThrownBy(() -> admission.admit(arrivedAlmostThirtySecondsAgo)).isInstanceOf(RetryLater.class);
        assertThat(admission.waiting()).isZero();
        again.close();

        assertIdle(admission);
        assertThat(count("anshin.admission.admitted")).isEqualTo(4);
        assertThat(count("anshin.admission.shed", "reason", "overloaded")).isEqualTo(3);
    }

    /** Until {@code waiting} authorizations wait for a slot; fails (rather than hangs) after 10 s. */
    private static void awaitWaiting(Admission admission, int waiting) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (admission.waiting() < waiting) {
            assertThat(System.nanoTime()).as("%d authorizations waiting within 10 s", waiting).isLessThan(giveUp);
            Thread.sleep(5);
        }
    }

    private static void assertIdle(Admission admission) {
        assertThat(admission.waiting()).as("waiting").isZero();
        assertThat(admission.inFlight()).as("in flight").isZero();
    }

    @Test
    void warnsAtStartWhenPacingCouldOnlyStartOnceTheDecisionLogIsFull() {
        assertThat(Admission.pacingWarning(1_000, 10_000)).isNull();
        assertThat(Admission.pacingWarning(Integer.MAX_VALUE, 10_000)).isNull();
        assertThat(Admission.pacingWarning(10_000, 10_000)).contains("indexer-behind-at (10000)")
                .contains("max-pending (10000)").contains("503");
        assertThat(Admission.pacingWarning(20_000, 10_000)).isNotNull();
    }
}
