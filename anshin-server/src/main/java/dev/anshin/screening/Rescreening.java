package dev.anshin.screening;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The periodic re-screening of issued accounts (途上与信): every {@code check-interval} the accounts due
 * ({@code every} after issue or their last re-screening) are claimed one by one (one instance wins
 * each), the bureau asked again, the card's use read ({@link AccountUsage}), and {@link AccountReview}
 * decides whether to propose lower limits. Proposals are stored with their reasons and audited; nothing
 * is applied. An identical proposal still open is not made twice. An account whose bureau did not
 * answer is given back, due at the next look; one whose review failed otherwise stays due after the
 * normal cadence (an hourly retry would ask the bureau every hour in vain), and the run records why. The run's progress is a row of {@code screening_runs},
 * updated after every account; a look that finds nothing due leaves no row.
 */
@Component
class Rescreening implements InitializingBean, DisposableBean {

    static final String ACTION_PROPOSED = "screening.limit-reduction.proposed";
    static final String ACTION_RUN = "screening.rescreening.run";
    static final String ACTION_REQUESTED = "screening.rescreening.requested";
    static final String JOB = "rescreening-job";
    private static final Logger log = LoggerFactory.getLogger(Rescreening.class);

    private final ScreeningStore store;
    private final BureauCalls bureau;
    private final AccountUsage usage;
    private final AccountReview review;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final ScreeningProperties.Rescreening settings;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "screening-rescreening");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * One run at a time in this instance: the scheduled job skips its turn while a run goes on, "run now"
     * is refused. A semaphore rather than a lock, because a run started on request is taken on the
     * caller's thread and given back on the job's.
     */
    private final Semaphore running = new Semaphore(1);
    /** When the scheduled job looks next; null when it is off. */
    private volatile Instant nextScheduled;

    /** What a "run now" did: the run started in the background, or nothing was due. */
    record Started(String runId, int accountsDue) {
    }

    Rescreening(ScreeningStore store, BureauCalls bureau, AccountUsage usage, AccountReview review, AuditLog audit,
            TransactionTemplate transactions, ScreeningProperties properties, Clock clock) {
        this.store = store;
        this.bureau = bureau;
        this.usage = usage;
        this.review = review;
        this.audit = audit;
        this.transactions = transactions;
        this.settings = properties.rescreening();
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        if (!settings.enabled()) {
            return;
        }
        long every = settings.checkInterval().toMillis();
        nextScheduled = clock.instant().plus(settings.checkInterval());
        timer.scheduleWithFixedDelay(() -> {
            try {
                if (running.tryAcquire()) {
                    try {
                        run(JOB, UUID.randomUUID().toString());
                    } finally {
                        running.release();
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Re-screening failed: {}", e.toString()); // the accounts stay due
            } finally {
                nextScheduled = clock.instant().plus(settings.checkInterval());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** One run over the accounts due now, in the caller's thread (waiting for a run in progress); its final status. */
    RescreeningStatus run(String actor) {
        running.acquireUninterruptibly();
        try {
            return run(actor, UUID.randomUUID().toString());
        } finally {
            running.release();
        }
    }

    /**
     * Starts a run now, in the background, for a staff member: refused while a run goes on (in this instance,
     * or one started on another within the last {@code check-interval} and not finished). Audited, started or
     * refused. Nothing due starts nothing.
     *
     * @throws RescreeningRunning a run is in progress
     */
    Started start(String actor) {
        String runId = UUID.randomUUID().toString();
        Instant now = now();
        if (!running.tryAcquire()) {
            requested(actor, "rescreening", AuditOutcome.DENIED, "refused: a run is in progress");
            throw new RescreeningRunning();
        }
        boolean handedOver = false;
        try {
            if (store.unfinishedRunSince(now.minus(settings.checkInterval()))) {
                requested(actor, "rescreening", AuditOutcome.DENIED, "refused: a run is in progress");
                throw new RescreeningRunning();
            }
            int due = store.countDue(now, settings.batchSize());
            if (due == 0) {
                requested(actor, "rescreening", AuditOutcome.SUCCESS, "nothing due");
                return new Started(null, 0);
            }
            requested(actor, "screening/run/" + runId, AuditOutcome.SUCCESS, "started due=" + due);
            timer.execute(() -> {
                try {
                    run(actor, runId);
                } catch (RuntimeException e) {
                    log.warn("Re-screening failed: {}", e.toString());
                } finally {
                    running.release();
                }
            });
            handedOver = true;
            return new Started(runId, due);
        } catch (RejectedExecutionException stopping) {
            throw new RescreeningRunning(); // shutting down: no run can start
        } finally {
            if (!handedOver) {
                running.release();
            }
        }
    }

    private void requested(String actor, String resource, AuditOutcome outcome, String detail) {
        audit.record(new AuditEvent(AuditEvent.fit(actor, AuditEvent.MAX_ACTOR), ACTION_REQUESTED, resource, null,
                outcome, null, detail));
    }

    /** When the scheduled job looks for due accounts next; empty when it is switched off. */
    Optional<Instant> nextScheduled() {
        return Optional.ofNullable(nextScheduled);
    }

    private RescreeningStatus run(String actor, String runId) {
        Instant started = now();
        List<IssuedAccount> due = store.due(started, settings.batchSize());
        if (due.isEmpty()) {
            // Nothing due: no run row and no audit entry every hour of a quiet day.
            return new RescreeningStatus(null, started, started, 0, 0, 0, 0, "", actor);
        }
        store.startRun(runId, started, due.size(), actor);
        int done = 0;
        int proposals = 0;
        int failures = 0;
        Map<String, Integer> errors = new TreeMap<>();
        for (IssuedAccount account : due) {
            Instant next = started.plus(settings.every());
            if (!store.claim(account, next)) {
                continue; // another instance's run took it
            }
            try {
                Optional<BureauReport> report = bureau.inquire(new CreditBureau.BureauInquiry(account.applicationId(),
                        account.customerId(), CreditBureau.InquiryPurpose.RESCREENING));
                if (report.isEmpty()) {
                    store.release(account, next);
                    failures++;
                } else {
                    if (reviewed(runId, account, report.get(), actor)) {
                        proposals++;
                    }
                    done++;
                }
            } catch (RuntimeException e) {
                // Not the bureau's silence but an error that would recur: the account keeps the cadence's next
                // review (no release), and the run says why. Only the kind is kept, never a message.
                failures++;
                errors.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                log.warn("Re-screening of an account failed: {}", e.getClass().getName());
            }
            store.progress(runId, done, proposals, failures, errors(errors));
        }
        Instant finished = now();
        store.finishRun(runId, finished);
        audit.record(new AuditEvent(AuditEvent.fit(actor, AuditEvent.MAX_ACTOR), ACTION_RUN, "screening/run/" + runId,
                null, failures == 0 ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, null,
                AuditEvent.fit("due=" + due.size() + " done=" + done + " proposals=" + proposals + " failures="
                        + failures + (errors.isEmpty() ? "" : " errors=" + errors(errors)), AuditEvent.MAX_DETAIL)));
        return new RescreeningStatus(runId, started, finished, due.size(), done, proposals, failures, errors(errors),
                actor);
    }

    private static String errors(Map<String, Integer> errors) {
        String text = errors.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", "));
        return text.length() <= 512 ? text : text.substring(0, 512);
    }

    /** Reviews one account; whether a new proposal was stored. */
    private boolean reviewed(String runId, IssuedAccount account, BureauReport report, String actor) {
        ScreeningDecision screened = store.decision(account.applicationId()).orElseThrow();
        Instant now = now();
        UsageFigures used = usage.usage(account.cardToken(), now.minus(settings.usageWindow()), now);
        Optional<AccountReview.Proposal> proposal = review.review(screened.figures().declared(), account.limits(),
                report, used);
        Boolean stored = transactions.execute(tx -> {
            store.reviewed(account.cardToken(), now);
            if (proposal.isEmpty() || store.openProposalFor(account.cardToken(), proposal.get().proposed())) {
                return false;
            }
            AccountReview.Proposal p = proposal.get();
            ScreeningFigures f = p.figures();
            LimitProposal made = new LimitProposal(UUID.randomUUID().toString(), runId, account.cardToken(),
                    account.customerId(), now, account.limits(), p.proposed(), p.reasons(), report.figures(),
                    f.capacity().paymentCapacity(), f.capacity().maxRevolvingLimit(), f.cashAdvanceRoom(),
                    p.utilizationPercent(), p.latePayments());
            store.insert(made);
            audit.record(new AuditEvent(AuditEvent.fit(actor, AuditEvent.MAX_ACTOR), ACTION_PROPOSED,
                    "card/" + account.cardToken(), null, AuditOutcome.SUCCESS, null,
                    "proposal=" + made.id() + " revolving " + account.limits().revolving() + "->"
                            + p.proposed().revolving() + " cashAdvance " + account.limits().cashAdvance() + "->"
                            + p.proposed().cashAdvance() + " reasons="
                            + p.reasons().stream().map(Enum::name).collect(Collectors.joining(","))));
            return true;
        });
        return Boolean.TRUE.equals(stored);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
