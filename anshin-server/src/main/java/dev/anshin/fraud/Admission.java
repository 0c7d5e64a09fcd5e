package dev.anshin.fraud;

import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RetryLater;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The admission stage in front of scoring. At most {@code maxConcurrent} authorizations are scored
 * at once: on two cores, two hundred request threads scoring together only share the processors
 * more finely, starve the decision log's indexer and stretch every answer. Up to
 * {@code maxWaiting} more wait for a slot (not strictly in arrival order: see {@link #scoring}),
 * each only while the recent time to score still fits before its deadline. The rest are refused
 * with 429 {@code overloaded} and {@code Retry-After}, sent when their deadline has passed
 * ({@link HeldRefusals}): nothing is scored, nothing stored, no thread held. 429, not 503: Tomcat
 * closes the connection after a 503, so every
 * refusal would cost the client a new connection (and TLS handshake) just when the server has
 * least to spare. An authorization is admitted only once its body has been read (by the
 * controller), so a client sending it slowly holds a request thread but never a scoring slot, and
 * the deadline counts from then. If the issuer configured
 * {@link FraudProperties.Overload#RULES_ONLY}, a refused authorization is instead decided by the
 * rules alone while one of the few rules-only slots is free.
 *
 * <p>Also refused up front, with 503 {@code unavailable} (an outage, not a busy server):
 * authorizations that could not be recorded now (the decision log is failing, or the database is
 * so far behind that the log is full), since
 * scoring them would change the feature state for a decision nobody gets. Before that, while the
 * database's indexer is behind, fewer authorizations are scored at once ({@link #whileBehind}), so
 * that it catches up before the log fills.
 *
 * <p>Nothing here queues without bound: the waiting authorizations hold request threads, so Tomcat's
 * thread pool is sized above {@code maxConcurrent + maxWaiting + rulesOnlyConcurrent} (checked at
 * start by {@link AdmissionLimits}). Under overload one summary line is logged per interval.
 */
@Component
class Admission {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);

    /**
     * A refusal by the admission stage: 429 {@code overloaded}, or 503 {@code unavailable} when the
     * decision log cannot record now (failing, or the database so far behind that it is full — under
     * load, a database slower than the requests, which is overload too). Sent when the deadline has
     * passed ({@link HeldRefusals}), so that clients retrying at once do not take the processors
     * from the scoring and the indexer that would end it. (A server that is stopping refuses at once.)
     */
    static final class Refused extends RetryLater {
        Refused(ProblemType type, String detail, Duration retryAfter) {
            super(type, detail, retryAfter);
        }
    }

    /** A slot held by one authorization while it is decided; closing it frees the slot. */
    interface Slot extends AutoCloseable {
        /** Decide by the rules alone: the model is skipped. */
        boolean rulesOnly();

        @Override
        void close();
    }

    private static final Slot UNLIMITED = new Slot() {
        @Override
        public boolean rulesOnly() {
            return false;
        }

        @Override
        public void close() {
        }
    };

    private final boolean enabled;
    private final int maxConcurrent;
    private final int maxWaiting;
    private final long deadlineNanos;
    private final FraudProperties.AdmissionSettings settings;
    private final DecisionJournal journal;
    /**
     * Not fair, on purpose: a running thread takes a free slot at once. A fair semaphore hands each
     * freed slot to the longest waiter, which must first be woken and scheduled; on a virtual
     * machine that wake-up took long enough that, at 70 % of capacity, the slots sat idle while 60
     * authorizations waited for them (anshin_admission_in_flight 0, anshin_admission_waiting 62–64,
     * a third of the processors idle) and p99 reached 0.4–0.9 s (docs/benchmarks.md, the soak of
     * 2026-12-06). A waiter passed over by newcomers waits no longer than its deadline.
     */
    private final Semaphore scoring;
    private final Semaphore rulesOnly;
    /**
     * Held besides a scoring slot while the decision indexer is behind ({@code indexerBehindAt}
     * decisions or more wait for the database; by default one, and only for the embedded database:
     * {@link #indexerBehindAt(int, String)}). On H2 the indexer is a thread of
     * this process, competing for two processors with every request thread: with eight scoring at
     * once it fell behind, the log filled and refused authorizations with 503, and 32 connections
     * got 3,500–5,100 decisions a second. Scoring one at a time while it is behind gave 5,800–6,600
     * with 503s down to 0.1 %, and left PostgreSQL's maximum as it was (docs/benchmarks.md). All
     * slots come back once fewer than {@code indexerBehindAt} decisions wait.
     */
    private final Semaphore whileBehind;
    private final int indexerBehindAt;
    private final AtomicInteger waiting = new AtomicInteger();
    /** Most authorizations waiting at once since the last summary line. */
    private final AtomicInteger peakWaiting = new AtomicInteger();
    /** Recent time a slot is held (moving average), the part of the deadline a waiter must leave. */
    private volatile long serviceNanos;

    private final Counter admittedCount;
    private final Counter rulesOnlyCount;
    private final Counter pacedCount;
    private final Counter overloadedCount;
    private final Counter unrecordableCount;
    /** Since the last summary line. */
    private final LongAdder admitted = new LongAdder();
    private final LongAdder decidedByRules = new LongAdder();
    private final LongAdder overloaded = new LongAdder();
    private final LongAdder unrecordable = new LongAdder();
    private boolean refusedInLastInterval;

    /** With a database server (no pacing unless {@code indexer-behind-at} is set). */
    Admission(FraudProperties properties, DecisionJournal journal, MeterRegistry metrics) {
        this(properties, journal, metrics, "");
    }

    @Autowired
    Admission(FraudProperties properties, DecisionJournal journal, MeterRegistry metrics,
            @Value("${spring.datasource.url:}") String databaseUrl) {
        this.settings = properties.admission();
        this.enabled = settings.enabled();
        this.maxConcurrent = Math.max(1, settings.maxConcurrent());
        this.maxWaiting = Math.max(0, settings.maxWaiting());
        this.deadlineNanos = settings.deadline().toNanos();
        this.journal = journal;
        this.scoring = new Semaphore(maxConcurrent, false);
        this.indexerBehindAt = indexerBehindAt(settings.indexerBehindAt(), databaseUrl);
        int pacedPermits = Math.max(1, Math.min(maxConcurrent, settings.maxConcurrentWhileBehind()));
        this.whileBehind = new Semaphore(pacedPermits, false);
        if (enabled && properties.decisionLog().enabled()) { // no log, nothing pending: no pacing to speak of
            String warning = pacingWarning(indexerBehindAt, properties.decisionLog().maxPending());
            if (warning != null) {
                log.warn(warning);
            } else if (indexerBehindAt == Integer.MAX_VALUE) {
                log.info("Scoring is not paced for the decision indexer (a database server; "
                        + "anshin.fraud.admission.indexer-behind-at sets a threshold)");
            } else {
                log.info("Scoring is paced to {} at a time while {} or more decisions wait for the database",
                        pacedPermits, indexerBehindAt);
            }
        }
        this.rulesOnly = new Semaphore(settings.whenOverloaded() == FraudProperties.Overload.RULES_ONLY
                ? Math.max(0, settings.rulesOnlyConcurrent()) : 0);
        this.admittedCount = Counter.builder("anshin.admission.admitted")
                .description("Authorizations admitted to scoring").register(metrics);
        this.rulesOnlyCount = Counter.builder("anshin.admission.rules.only")
                .description("Authorizations decided by the rules alone under overload").register(metrics);
        this.pacedCount = Counter.builder("anshin.admission.paced")
                .description("Authorizations scored with fewer at once because the decision indexer was behind")
                .register(metrics);
        this.overloadedCount = Counter.builder("anshin.admission.shed").tag("reason", "overloaded")
                .description("Authorizations refused before scoring").register(metrics);
        this.unrecordableCount = Counter.builder("anshin.admission.shed").tag("reason", "decision-log")
                .description("Authorizations refused before scoring").register(metrics);
        Gauge.builder("anshin.admission.in.flight", this::inFlight)
                .description("Authorizations being scored now").register(metrics);
        Gauge.builder("anshin.admission.waiting", waiting::get)
                .description("Authorizations waiting for a scoring slot").register(metrics);
        Gauge.builder("anshin.admission.limit", () -> maxConcurrent)
                .description("Authorizations scored at once at most").register(metrics);
    }

    /**
     * A slot for an authorization whose body was read at {@code arrivalNanos}
     * ({@link System#nanoTime()}), waiting for one no longer than its deadline allows.
     *
     * @throws RetryLater 429 {@code overloaded} when no slot was free in time, or 503 {@code unavailable}
     *                    when its decision could not be recorded now
     */
    Slot admit(long arrivalNanos) {
        if (!enabled) {
            return UNLIMITED;
        }
        DecisionJournal.Intake intake = journal.intake();
        if (intake != DecisionJournal.Intake.OPEN) {
            unrecordable.increment();
            unrecordableCount.increment();
            if (intake == DecisionJournal.Intake.STOPPED) {
                // Stopping: nothing to protect by holding the answer, and nobody left to send it later.
                throw new RetryLater(ProblemType.UNAVAILABLE, intake.reason(), settings.retryAfter());
            }
            throw new Refused(ProblemType.UNAVAILABLE, intake.reason(), settings.retryAfter());
        }
        // While the indexer is behind, a slot needs one of the few permits for that case too (taken
        // first: the scarcer of the two), so fewer request threads compete with it for the processors.
        // Never paced (a database server): the pending count is not even read on this hot path.
        Semaphore pace = indexerBehindAt != Integer.MAX_VALUE && journal.pending() >= indexerBehindAt
                ? whileBehind : null;
        if (tryAcquire(pace)) {
            if (scoring.tryAcquire()) {
                return scored(pace);
            }
            release(pace);
        }
        if (!startWaiting()) {
            return overflow();
        }
        // Whether this thread holds a pacing permit it has not handed to a slot: given back on every
        // way out (also when interrupted while waiting for the scoring slot), else pacing would stall.
        boolean pacedHeld = false;
        try {
            long giveUpAt = arrivalNanos + deadlineNanos - serviceNanos;
            if (acquire(pace, giveUpAt)) {
                pacedHeld = pace != null;
                if (acquire(scoring, giveUpAt)) {
                    pacedHeld = false;
                    return scored(pace);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (pacedHeld) {
                release(pace);
            }
            waiting.decrementAndGet();
        }
        return overflow();
    }

    private static boolean tryAcquire(Semaphore semaphore) {
        return semaphore == null || semaphore.tryAcquire();
    }

    /** A permit of {@code semaphore} (none needed when null) if one is free before {@code giveUpAt}. */
    private static boolean acquire(Semaphore semaphore, long giveUpAt) throws InterruptedException {
        if (semaphore == null) {
            return true;
        }
        long budget = giveUpAt - System.nanoTime();
        return budget > 0 && semaphore.tryAcquire(budget, TimeUnit.NANOSECONDS);
    }

    private static void release(Semaphore semaphore) {
        if (semaphore != null) {
            semaphore.release();
        }
    }

    /**
     * Counts this authorization among the waiting if there is room. Only a waiter is ever counted:
     * counting every arrival first and taking the refused ones off again let a burst of refusals
     * show (and count against the limit) as waiters that never waited.
     */
    private boolean startWaiting() {
        while (true) {
            int now = waiting.get();
            if (now >= maxWaiting) {
                return false;
            }
            if (waiting.compareAndSet(now, now + 1)) {
                peakWaiting.accumulateAndGet(now + 1, Math::max);
                return true;
            }
        }
    }

    /** Authorizations waiting for a slot now. */
    int waiting() {
        return waiting.get();
    }

    /** Scoring slots in use now. */
    int inFlight() {
        return maxConcurrent - scoring.availablePermits();
    }

    /** A scoring slot, and the permit for an indexer that is behind ({@code pace}, null if none was needed). */
    private Slot scored(Semaphore pace) {
        admitted.increment();
        admittedCount.increment();
        if (pace != null) {
            pacedCount.increment();
        }
        long acquired = System.nanoTime();
        return new Slot() {
            private boolean closed;

            @Override
            public boolean rulesOnly() {
                return false;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    long held = System.nanoTime() - acquired;
                    // A lost update between racing threads only delays the average a little.
                    long average = serviceNanos;
                    serviceNanos = average + (held - average) / 16;
                    scoring.release();
                    release(pace);
                }
            }
        };
    }

    /** No scoring slot in time: a rules-only slot if the issuer wants one and one is free, else refused. */
    private Slot overflow() {
        if (rulesOnly.tryAcquire()) {
            decidedByRules.increment();
            rulesOnlyCount.increment();
            return new Slot() {
                private boolean closed;

                @Override
                public boolean rulesOnly() {
                    return true;
                }

                @Override
                public void close() {
                    if (!closed) {
                        closed = true;
                        rulesOnly.release();
                    }
                }
            };
        }
        overloaded.increment();
        overloadedCount.increment();
        throw new Refused(ProblemType.OVERLOADED,
                "The server is over capacity; nothing was scored or stored. Retry after the Retry-After delay.",
                settings.retryAfter());
    }

    /**
     * One line per interval while authorizations are refused or decided by rules alone, and one
     * when that stops; nothing while all is well.
     */
    @Scheduled(fixedDelayString = "${anshin.fraud.admission.log-interval:10s}",
            initialDelayString = "${anshin.fraud.admission.log-interval:10s}")
    void summarize() {
        long refusedBusy = overloaded.sumThenReset();
        long refusedUnrecordable = unrecordable.sumThenReset();
        long byRules = decidedByRules.sumThenReset();
        long scored = admitted.sumThenReset();
        int mostWaiting = peakWaiting.getAndSet(0);
        boolean refusing = refusedBusy + refusedUnrecordable + byRules > 0;
        if (refusing) {
            log.warn("Over capacity in the last {}: {} authorizations refused (overloaded {}, decision log not "
                            + "taking decisions {}), {} decided by rules alone, {} scored; at most {} of {} waiting at "
                            + "once; now {} of {} slots busy, {} waiting", settings.logInterval(),
                    refusedBusy + refusedUnrecordable, refusedBusy, refusedUnrecordable, byRules, scored, mostWaiting,
                    maxWaiting, inFlight(), maxConcurrent, waiting.get());
        } else if (refusedInLastInterval) {
            log.info("No authorization refused in the last {} ({} scored)", settings.logInterval(), scored);
        }
        refusedInLastInterval = refusing;
    }

    int maxConcurrent() {
        return maxConcurrent;
    }

    /**
     * A warning when pacing could only start once the decision log is already full (so authorizations
     * would get 503 {@code unavailable} instead of being paced), else null.
     */
    static String pacingWarning(int indexerBehindAt, int maxPending) {
        if (indexerBehindAt == Integer.MAX_VALUE || indexerBehindAt < maxPending) {
            return null;
        }
        return "anshin.fraud.admission.indexer-behind-at (" + indexerBehindAt + ") is not below "
                + "anshin.fraud.decision-log.max-pending (" + maxPending + "): the decision log fills before scoring "
                + "is paced, and authorizations are refused with 503 instead; set it lower";
    }

    /**
     * The pending decisions at which the indexer counts as behind: as set, or when 0, 1,000 for a
     * database inside this process (embedded H2: its indexer needs this process's processors) and
     * never for a database server, whose indexing is mostly the server's own work — there, pacing
     * was active for half the authorizations at 70 % load and only slowed them down.
     */
    static int indexerBehindAt(int setting, String databaseUrl) {
        if (setting > 0) {
            return setting;
        }
        boolean embedded = databaseUrl != null && databaseUrl.startsWith("jdbc:h2:")
                && !databaseUrl.startsWith("jdbc:h2:tcp:") && !databaseUrl.startsWith("jdbc:h2:ssl:");
        return embedded ? 1_000 : Integer.MAX_VALUE;
    }
}
