package dev.anshin.disputes;

import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.fraud.Decisions;
import dev.anshin.fraud.FraudLabels;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.problems.RequestProblem;
import dev.anshin.scoring.Authorization;
import dev.anshin.scoring.Decision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Investigates reported cases as they come, on its own threads, and carries out what a decision
 * means. Every step is a move of the case (stored with its version, so two workers or a worker and
 * an analyst never both make it) and every effect is idempotent, so a case interrupted by a crash
 * is simply run again: at start, and by a periodic sweep, for cases not yet decided or decided with
 * effects not all done. No report is lost: it is stored before anything else happens.
 */
@Component
class AutomaticInvestigation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AutomaticInvestigation.class);
    /** How the investigator signs its moves. */
    static final Disputes.Acting INVESTIGATOR = new Disputes.Acting("anshin-investigator", Party.INVESTIGATOR, null);
    private static final Disputes.Acting CLOCK = new Disputes.Acting("anshin-clock", Party.CLOCK, null);
    private static final Duration HISTORY = Duration.ofDays(365);
    private static final int HISTORY_LIMIT = 5_000;
    /** Most cases one clock tick moves per kind of move; the rest at the next tick. */
    private static final int TICK_LIMIT = 1_000;
    /** How long a case must have been left alone before the sweep takes it up. */
    private static final Duration QUIET = Duration.ofSeconds(10);

    private final DisputeStore store;
    private final Decisions decisions;
    private final Cards cards;
    private final FraudLabels labels;
    private final ChargebackNetwork network;
    private final CompromisedPoints compromise;
    private final TransactionTemplate transactions;
    private final DisputeProperties properties;
    private final Clock clock;
    private final Investigator investigator = new Investigator(MerchantDirectory.standard());
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private volatile ExecutorService workers;

    AutomaticInvestigation(DisputeStore store, Decisions decisions, Cards cards, FraudLabels labels,
            ChargebackNetwork network, CompromisedPoints compromise, TransactionTemplate transactions,
            DisputeProperties properties, Clock clock) {
        this.store = store;
        this.decisions = decisions;
        this.cards = cards;
        this.labels = labels;
        this.network = network;
        this.compromise = compromise;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        workers = Executors.newFixedThreadPool(Math.max(1, properties.investigationThreads()), r -> {
            Thread thread = new Thread(r, "dispute-investigation");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Stops quickly: the case being investigated now finishes its step, the queued ones are left for
     * the next start ({@link #resume}) instead of being worked through while the database closes
     * (under a backlog that took minutes and ended in errors from a closed database).
     */
    @Override
    public void stop() {
        ExecutorService running = workers;
        workers = null; // queued cases see it and skip
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return workers != null;
    }

    /** Cases left unfinished by the last run (it stopped or crashed mid-investigation) start again. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        List<String> unfinished = store.unfinished(clock.instant());
        if (!unfinished.isEmpty()) {
            log.info("Resuming {} dispute case(s) left unfinished", unfinished.size());
            start(unfinished);
        }
    }

    /**
     * A case whose investigation failed (the database was down, say) is tried again; one moved in
     * the last {@link #QUIET} is left alone, as someone (an analyst confirming fraud) is likely at it.
     */
    @Scheduled(fixedDelayString = "${anshin.disputes.sweep-interval:30s}",
            initialDelayString = "${anshin.disputes.sweep-interval:30s}")
    void sweep() {
        start(store.unfinished(clock.instant().minus(QUIET)));
    }

    /** Queues cases for investigation (a case already queued is not queued twice). */
    void start(List<String> disputeIds) {
        ExecutorService pool = workers;
        if (pool == null) {
            return; // stopping: the next start resumes them
        }
        for (String id : disputeIds) {
            if (queued.add(id)) {
                try {
                    pool.execute(() -> {
                        try {
                            if (workers != pool) {
                                return; // stopping: left for the next start
                            }
                            run(id);
                        } catch (RuntimeException e) {
                            log.warn("Investigation of case {} failed; it will be tried again: {}", id, e.toString());
                        } finally {
                            queued.remove(id);
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    queued.remove(id);
                }
            }
        }
    }

    /** Whether the case waits for a worker or is being investigated now (a stopped investigation holds none). */
    boolean holds(String disputeId) {
        return queued.contains(disputeId);
    }

    /** Takes a case as far as it goes without an analyst. */
    void run(String disputeId) {
        Dispute dispute = store.find(disputeId).orElseThrow();
        if (dispute.status() == DisputeStatus.INTAKE) {
            dispute = move(dispute, DisputeAction.INVESTIGATE, INVESTIGATOR, null, draft -> { });
        }
        if (dispute.status() == DisputeStatus.INVESTIGATING) {
            dispute = decide(dispute);
        }
        if (dispute.effectsPending()) {
            if (dispute.status() == DisputeStatus.DECIDED_FRAUD) {
                carryOut(dispute);
            } else {
                // Moved on before its effects were done (never by staff, who wait for them): nothing to finish.
                move(dispute, null, INVESTIGATOR, null, draft -> draft.effectsPending = false);
            }
        }
    }

    private Dispute decide(Dispute dispute) {
        Investigator.Result result = investigator.investigate(evidence(dispute));
        Instant now = clock.instant();
        DisputeAction action = switch (result.assessment()) {
            case FRAUD -> DisputeAction.CONFIRM_FRAUD;
            case GENUINE -> DisputeAction.DECIDE_GENUINE;
            case UNCLEAR -> DisputeAction.REFER_TO_ANALYST;
        };
        return move(dispute, action, INVESTIGATOR, "weight " + result.total(), draft -> {
            draft.assessment = result.assessment();
            draft.findings = result.findings();
            if (result.assessment() == Assessment.UNCLEAR) {
                draft.reviewDueAt = now.plus(properties.reviewWithin());
            } else {
                decided(draft, now);
            }
            draft.effectsPending = result.assessment() == Assessment.FRAUD;
        });
    }

    private static void decided(Dispute.Draft draft, Instant now) {
        if (draft.decidedAt == null) {
            draft.decidedAt = now;
        }
    }

    Investigator.Evidence evidence(Dispute dispute) {
        StoredDecision disputed = decisions.find(dispute.authorizationId()).orElseThrow();
        Authorization a = disputed.authorization();
        List<String> ownCards = cards.ofCustomer(dispute.customerId()).stream().map(Card::token).toList();
        Instant from = a.timestamp().minus(HISTORY);
        List<StoredDecision> history = decisions.ofCards(ownCards, from, a.timestamp().plusSeconds(1), HISTORY_LIMIT);
        Set<String> claimed = new HashSet<>(store.claimedFraud(ownCards));
        claimed.addAll(labels.fraudOnCards(ownCards, from));
        claimed.remove(a.authorizationId());
        Set<String> contested = new HashSet<>(store.contested(ownCards));
        contested.addAll(claimed);
        contested.remove(a.authorizationId());
        Instant windowFrom = a.timestamp().minus(properties.convergingWindow());
        Instant to = clock.instant().plusSeconds(1);
        Set<String> atTerminal = new HashSet<>();
        Set<String> atMerchant = new HashSet<>();
        Set<String> own = Set.copyOf(ownCards);
        for (CompromiseDetector.Report r : compromise.fraudsAt(a.terminalId(), a.merchantId(), windowFrom, to)) {
            count(r.cardToken(), r.terminalId(), r.merchantId(), a, own, atTerminal, atMerchant);
        }
        Report report = store.report(dispute.reportId()).orElseThrow();
        return new Investigator.Evidence(disputed, history, contested, claimed, report.answers(), atTerminal.size(),
                atMerchant.size(), compromise.flagged(a.terminalId(), a.merchantId()), dispute.createdAt());
    }

    private static void count(String card, String terminalId, String merchantId, Authorization a, Set<String> own,
            Set<String> atTerminal, Set<String> atMerchant) {
        if (own.contains(card)) {
            return;
        }
        if (a.terminalId().equals(terminalId)) {
            atTerminal.add(card);
        }
        if (a.merchantId().equals(merchantId)) {
            atMerchant.add(card);
        }
    }

    /**
     * What a fraud decision means, in the recommended order: block the card (the scoring API
     * declines it from then on), issue a replacement, credit the cardholder provisionally, teach the
     * scoring engine, look for a point of compromise, then file the chargeback with the network's
     * reason code (or leave it to an analyst when the network files no automatic chargebacks, the
     * window has closed or compelling evidence would defeat it; or write it off when nothing was
     * charged). Each step is idempotent: run again after a crash, it finds its work done.
     */
    Dispute carryOut(Dispute dispute) {
        if (dispute.status() != DisputeStatus.DECIDED_FRAUD || !dispute.effectsPending()) {
            return dispute;
        }
        StoredDecision stored = decisions.find(dispute.authorizationId()).orElseThrow();
        Authorization a = stored.authorization();
        boolean charged = stored.decision().decision() != Decision.DECLINE;
        Card card = cards.find(dispute.cardToken()).orElseThrow();
        if (!card.blocked()) {
            cards.changeStatus(card.token(), Card.Status.BLOCKED);
        }
        String replacement = replacement(card);
        try {
            labels.record(dispute.authorizationId(), FraudLabels.Source.CARDHOLDER, true, dispute.createdAt());
        } catch (RequestProblem alreadyLabelledGenuine) {
            // The cardholder's earlier word said genuine; the analyst's or investigator's decision stands.
            log.info("Case {}: the authorization already has a cardholder label: {}", dispute.id(),
                    alreadyLabelledGenuine.getMessage());
        }
        Instant now = clock.instant();
        Dispute done = dispute;
        if (dispute.cardBlockedAt() == null || !java.util.Objects.equals(dispute.replacementCardToken(), replacement)
                || (charged && dispute.provisionalCreditMinor() == null)) {
            done = move(dispute, null, INVESTIGATOR, "card blocked" + (replacement == null ? ", no replacement"
                    : ", replacement ****" + cards.find(replacement).map(Card::last4).orElse("")) + (charged
                    ? ", credited" : ""), draft -> {
                        draft.cardBlockedAt = draft.cardBlockedAt == null ? now : draft.cardBlockedAt;
                        draft.replacementCardToken = replacement;
                        if (charged) {
                            credit(draft, dispute, now);
                        }
                    });
        }
        compromise.onConfirmedFraud(a);
        if (!charged) {
            return move(done, DisputeAction.WRITE_OFF, INVESTIGATOR, "declined: nothing was charged",
                    draft -> draft.effectsPending = false);
        }
        Optional<ChargebackReason> reason = reason(done, card, a);
        boolean defeated = done.findings().stream().anyMatch(f -> f.code().equals("compelling-evidence"));
        if (reason.isEmpty() || reason.get().filingWindowClosed(a.timestamp(), now) || defeated) {
            String why = reason.isEmpty() ? "the network takes no automatic chargeback"
                    : defeated ? "compelling evidence would defeat a chargeback" : "the filing window has closed";
            return move(done, null, INVESTIGATOR, "for an analyst: " + why, draft -> {
                draft.effectsPending = false;
                draft.reviewDueAt = now.plus(properties.reviewWithin());
            });
        }
        return file(done, reason.get(), a, INVESTIGATOR, draft -> draft.effectsPending = false);
    }

    /** The card's replacement, issued now or earlier; none for a customer whose data was erased meanwhile. */
    private String replacement(Card card) {
        try {
            return cards.replace(card.token()).token();
        } catch (RequestProblem customerGone) {
            log.info("No replacement for a card of an erased customer: {}", customerGone.getMessage());
            return null;
        }
    }

    /** Credits the disputed amount, once. */
    private static void credit(Dispute.Draft draft, Dispute dispute, Instant now) {
        if (draft.provisionalCreditMinor == null) {
            draft.provisionalCreditMinor = dispute.amountMinor();
            draft.creditedAt = now;
        }
    }

    /** The network's fraud reason code for the case, from its card and the cardholder's answer about the card. */
    private Optional<ChargebackReason> reason(Dispute dispute, Card card, Authorization a) {
        Report report = store.report(dispute.reportId()).orElseThrow();
        return DisputeRules.reason(card.bin(), a, report.cardInHand() == Answer.YES);
    }

    private Dispute file(Dispute dispute, ChargebackReason reason, Authorization a, Disputes.Acting by,
            Consumer<Dispute.Draft> also) {
        // Keyed by the case's version: a retry after a crash repeats the same filing; a filing after a
        // withdrawal is a new one.
        ChargebackNetwork.Filed filed = network.file(new ChargebackNetwork.Filing(dispute.id(),
                dispute.id() + "#" + dispute.version(), dispute.authorizationId(), reason, dispute.amountMinor(), dispute.currency(),
                reason.filingDeadline(a.timestamp())));
        return move(dispute, DisputeAction.FILE_CHARGEBACK, by, reason.network() + " " + reason.code(), draft -> {
            draft.network = reason.network().name();
            draft.reasonCode = reason.code();
            draft.filingDeadline = reason.filingDeadline(a.timestamp());
            draft.chargebackReference = filed.reference();
            draft.chargebackFiledAt = filed.filedAt();
            draft.merchantResponseDue = LocalDate.ofInstant(filed.filedAt(), ZoneOffset.UTC)
                    .plusDays(reason.merchantResponseWindow().toDays());
            draft.reviewDueAt = null;
            also.accept(draft);
        });
    }

    /**
     * A cardholder's or analyst's move, with what it means: confirming fraud carries out the
     * effects, filing files with the network, withdrawing a chargeback takes it back, writing off
     * credits the cardholder, a question gives the cardholder until the review deadline.
     */
    Dispute move(Dispute dispute, DisputeAction action, Disputes.Acting by, String note) {
        Instant now = clock.instant();
        return switch (action) {
            case CONFIRM_FRAUD -> {
                Dispute confirmed = move(dispute, action, by, note, draft -> {
                    draft.assessment = Assessment.FRAUD;
                    draft.effectsPending = true;
                    draft.reviewDueAt = null;
                    decided(draft, now);
                });
                try {
                    yield carryOut(confirmed);
                } catch (RuntimeException e) {
                    // The decision is stored; the sweep finishes its effects.
                    log.warn("Case {}: effects of the confirmation will be finished later: {}", dispute.id(),
                            e.toString());
                    yield confirmed;
                }
            }
            case DECIDE_GENUINE -> move(dispute, action, by, note, draft -> {
                draft.assessment = Assessment.GENUINE;
                draft.reviewDueAt = null;
                decided(draft, now);
            });
            case ASK_CARDHOLDER -> {
                if (note == null || note.isBlank()) {
                    throw RequestProblem.invalid("note", "write the question for the cardholder");
                }
                yield move(dispute, action, by, note, draft -> draft.reviewDueAt = now.plus(properties.reviewWithin()));
            }
            case CARDHOLDER_ANSWERED, CONTEST -> move(dispute, action, by, note,
                    draft -> draft.reviewDueAt = now.plus(properties.reviewWithin()));
            case FILE_CHARGEBACK -> {
                DisputeTransitions.next(dispute.status(), action, by.party()); // refuse before talking to the network
                StoredDecision stored = decisions.find(dispute.authorizationId()).orElseThrow();
                Card card = cards.find(dispute.cardToken()).orElseThrow();
                ChargebackReason reason = reason(dispute, card, stored.authorization()).orElseThrow(() ->
                        RequestProblem.invalid("action",
                        "this card's network takes no automatic chargeback: write the case off or file outside Anshin"));
                if (reason.filingWindowClosed(stored.authorization().timestamp(), now)) {
                    throw RequestProblem.invalid("action", "the filing window closed on "
                            + reason.filingDeadline(stored.authorization().timestamp()));
                }
                yield file(dispute, reason, stored.authorization(), by, draft -> { });
            }
            case WITHDRAW_CHARGEBACK -> {
                DisputeTransitions.next(dispute.status(), action, by.party());
                if (dispute.chargebackReference() != null) {
                    network.withdraw(dispute.chargebackReference());
                }
                yield move(dispute, action, by, note, draft -> {
                    draft.chargebackReference = null;
                    draft.chargebackFiledAt = null;
                    draft.merchantResponseDue = null;
                    draft.reviewDueAt = now.plus(properties.reviewWithin());
                });
            }
            case WRITE_OFF -> move(dispute, action, by, note, draft -> {
                draft.reviewDueAt = null;
                credit(draft, dispute, now);
            });
            default -> move(dispute, action, by, note, draft -> draft.reviewDueAt = null);
        };
    }

    /**
     * Makes one move (or, with no action, stores a change within the same status) if the case is
     * still as read; a move refused by the table throws {@link IllegalTransitionException}, a case
     * changed meanwhile is a conflict.
     */
    private Dispute move(Dispute dispute, DisputeAction action, Disputes.Acting by, String note,
            Consumer<Dispute.Draft> change) {
        DisputeStatus to = action == null ? dispute.status() : DisputeTransitions.next(dispute.status(), action,
                by.party());
        Dispute.Draft draft = dispute.draft();
        draft.status = to;
        change.accept(draft);
        Dispute updated = draft.build(clock.instant());
        Boolean stored = transactions.execute(tx -> store.update(updated, dispute.version(),
                action == null ? "UPDATE" : action.name(), dispute.status(), by.party(), by.name(), note));
        if (!Boolean.TRUE.equals(stored)) {
            throw RequestProblem.conflict("The case changed meanwhile; reload it.");
        }
        return updated;
    }

    /**
     * The clock's moves: a case explained as genuine closes when the cardholder let it be; a fraud
     * case never filed closes when the filing window has; an unanswered question goes back to the
     * analyst.
     */
    @Scheduled(fixedDelayString = "${anshin.disputes.clock-interval:10m}", initialDelayString = "1m")
    void tick() {
        Instant now = clock.instant();
        for (Dispute d : store.due(DisputeStatus.DECIDED_GENUINE, "decided_at", now.minus(properties.genuineExpiresAfter()),
                TICK_LIMIT)) {
            quietly(d, DisputeAction.EXPIRE, "the cardholder did not contest in time");
        }
        // No network allows more than 120 days: only fraud cases older than the shortest window (90) can
        // have closed, and only those are looked at, oldest first.
        for (Dispute d : store.due(DisputeStatus.DECIDED_FRAUD, "occurred_at", now.minus(Duration.ofDays(90)),
                TICK_LIMIT)) {
            Card card = cards.find(d.cardToken()).orElse(null);
            StoredDecision stored = decisions.find(d.authorizationId()).orElse(null);
            if (card != null && stored != null && !d.effectsPending()
                    && DisputeRules.windowClosed(card.bin(), stored.authorization(), now)) {
                quietly(d, DisputeAction.EXPIRE, "the filing window closed");
            }
        }
        for (Dispute d : store.due(DisputeStatus.AWAITING_CARDHOLDER, "review_due_at", now, TICK_LIMIT)) {
            quietly(d, DisputeAction.CARDHOLDER_ANSWERED, "no answer in time");
        }
    }

    private void quietly(Dispute d, DisputeAction action, String note) {
        try {
            move(d, action, CLOCK, note);
        } catch (RuntimeException e) {
            log.debug("Clock move {} of case {} skipped: {}", action, d.id(), e.toString());
        }
    }
}
