package dev.anshin.screening;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.privacy.CustomerErased;
import dev.anshin.problems.FreeText;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The screening module's API: screens an application (credit bureau + {@link ScreeningPolicy}), stores
 * the decision with its figures and reasons and audits it; records issued accounts for the periodic
 * re-screening, and shows what that proposes.
 *
 * <p>No personal data comes in: the applicant is the caller's opaque application id, an account its
 * customer id and card token. Every figure is in yen.
 */
@Service
public class Screenings {

    static final String ACTION_DECIDE = "screening.decide";
    static final String ACTION_ISSUED = "screening.account.issued";
    static final String ACTION_WITHDRAWN = "screening.account.withdrawn";
    static final String ACTION_ACCEPTED = "screening.limit-reduction.accepted";
    static final String ACTION_REJECTED = "screening.limit-reduction.rejected";
    /** The longest note staff may give with a decision (the column's size). */
    public static final int MAX_NOTE = 500;

    private final ScreeningStore store;
    private final BureauCalls bureau;
    private final ScreeningPolicy policy;
    private final Rescreening rescreening;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final ScreeningProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Screenings(ScreeningStore store, BureauCalls bureau, ScreeningPolicy policy, Rescreening rescreening, AuditLog audit,
            TransactionTemplate transactions, ScreeningProperties properties, ApplicationEventPublisher events,
            Clock clock) {
        this.events = events;
        this.store = store;
        this.bureau = bureau;
        this.policy = policy;
        this.rescreening = rescreening;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Screens the application: asks the credit bureau (at most {@code bureau-timeout}; no answer is a
     * referral, never an approval), decides, and stores and audits the decision in one transaction.
     * Idempotent on the application id: the same request again answers the stored decision, without
     * asking the bureau again. To screen an application again with new figures (a referral cleared with
     * a proof of income, the bureau answering later), use a new id, e.g. {@code APP-1.2}; both decisions stay.
     *
     * @throws ScreeningConflict     the id was screened with other figures or limits
     * @throws ScreeningInputRefused a figure that cannot be true (before anything is asked or stored)
     */
    public ScreeningDecision screen(ScreeningRequest request) {
        Optional<ScreeningDecision> earlier = store.decision(request.applicationId());
        if (earlier.isPresent()) {
            return same(earlier.get(), request);
        }
        if (store.decided(request.applicationId())) {
            // Decided before and the applicant erased since: its figures are gone, so nothing can match them.
            throw new ScreeningConflict(request.applicationId());
        }
        // Refuses impossible input before the bureau is asked.
        policy.refuseBelowMinimum(request.requested());
        policy.figures(request.applicant(), null, request.requested());
        // The limits this issuer already gives the customer take their share of both ceilings.
        Limits own = request.customerId() == null ? Limits.NONE : store.limitsOf(request.customerId());
        Limits existing = new Limits(own.revolving() + request.heldElsewhere().revolving(),
                own.cashAdvance() + request.heldElsewhere().cashAdvance());
        Optional<BureauReport> report = bureau.inquire(
                new CreditBureau.BureauInquiry(request.applicationId(), request.customerId(),
                        CreditBureau.InquiryPurpose.APPLICATION));
        ScreeningPolicy.Verdict verdict = policy.decide(request.applicant(), report.orElse(null), existing,
                request.requested());
        ScreeningDecision decision = new ScreeningDecision(request.applicationId(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), verdict.outcome(), verdict.granted(), verdict.reasons(),
                verdict.needed(), verdict.figures());
        try {
            transactions.executeWithoutResult(tx -> {
                store.insert(decision, request.actor(), settingsNote());
                audit.record(new AuditEvent(AuditEvent.fit(request.actor(), AuditEvent.MAX_ACTOR), ACTION_DECIDE,
                        "screening/application/" + request.applicationId(), null, AuditOutcome.SUCCESS, null,
                        AuditEvent.fit(decision.outcome() + " reasons=" + decision.reasons().stream().map(Enum::name)
                                .collect(Collectors.joining(",")), AuditEvent.MAX_DETAIL)));
            });
        } catch (DuplicateKeyException raced) {
            // The same application screened at the same moment elsewhere: its decision stands.
            return same(store.decision(request.applicationId()).orElseThrow(() -> raced), request);
        }
        return decision;
    }

    private static ScreeningDecision same(ScreeningDecision stored, ScreeningRequest request) {
        if (!stored.figures().declared().equals(request.applicant())
                || !stored.figures().requested().equals(request.requested())) {
            throw new ScreeningConflict(request.applicationId());
        }
        return stored;
    }

    private String settingsNote() {
        ScreeningPolicy.Settings s = policy.settings();
        return "step=" + s.limitStep() + ";minimum=" + s.minimumLimit() + ";conventional="
                + (s.conventionalEnabled() ? s.conventionalMaxRepaymentPercent() + "%" : "off");
    }

    /** The decision stored for this application id, if it was screened. */
    public Optional<ScreeningDecision> find(String applicationId) {
        ScreeningRequest.reference("applicationId", applicationId);
        return store.decision(applicationId);
    }

    /**
     * Records a card issued on an approved screening, so that it is re-screened every
     * {@code anshin.screening.rescreening.every}. Idempotent on the card token (the same card again
     * answers the account as first recorded). One application issues at most one account.
     *
     * @param cardToken     the issued card's token
     * @param customerId    its customer's opaque id
     * @param applicationId the screening it was granted on: an APPROVE
     * @param granted       the limits granted: at most what that screening allowed
     * @param actor         who records it, for the audit log
     * @throws ScreeningInputRefused no such screening ({@code unknown}), not an approval ({@code not-approved}),
     *                               limits above it ({@code above-screening}), no revolving limit
     *                               ({@code too-small}), the card recorded before for another account
     *                               ({@code conflict}), or another card issued on the application already
     *                               ({@code already-issued})
     */
    public IssuedAccount recordIssued(String cardToken, String customerId, String applicationId, Limits granted,
            String actor) {
        ScreeningInputRefused.required("granted", granted);
        ScreeningInputRefused.required("actor", actor);
        if (granted.revolving() < 1) {
            // Re-screening works out limits from the revolving one: an account without it could never be reviewed.
            throw new ScreeningInputRefused("granted.revolving", "too-small", "a card has a revolving limit");
        }
        ScreeningDecision decision = find(applicationId).orElseThrow(() ->
                new ScreeningInputRefused("applicationId", "unknown", "no screening with this id"));
        if (decision.outcome() != ScreeningOutcome.APPROVE) {
            throw new ScreeningInputRefused("applicationId", "not-approved", "the screening did not approve");
        }
        if (granted.revolving() > decision.granted().revolving()
                || granted.cashAdvance() > decision.granted().cashAdvance()) {
            throw new ScreeningInputRefused("granted", "above-screening", "limits above what the screening granted");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        IssuedAccount account = new IssuedAccount(cardToken, customerId, applicationId, granted, now,
                now.plus(properties.rescreening().every()));
        Optional<IssuedAccount> before = store.account(cardToken);
        if (before.isEmpty()) {
            refuseSecondCard(applicationId, cardToken);
            try {
                transactions.executeWithoutResult(tx -> {
                    store.insert(account);
                    audit.record(new AuditEvent(AuditEvent.fit(actor, AuditEvent.MAX_ACTOR), ACTION_ISSUED,
                            "card/" + cardToken, null, AuditOutcome.SUCCESS, null,
                            "application=" + applicationId + " revolving=" + granted.revolving() + " cashAdvance="
                                    + granted.cashAdvance()));
                });
                return account;
            } catch (DuplicateKeyException raced) {
                // Recorded at the same moment elsewhere: compared below like any repeat, unless the other
                // insert was another card on the same application (the unique application id refused ours).
                refuseSecondCard(applicationId, cardToken);
            }
        }
        IssuedAccount stored = store.account(cardToken).orElseThrow();
        if (!stored.applicationId().equals(applicationId) || !stored.customerId().equals(customerId)
                || !stored.limits().equals(granted)) {
            throw new ScreeningInputRefused("cardToken", "conflict", "the card was recorded before for another account");
        }
        return stored;
    }

    private void refuseSecondCard(String applicationId, String cardToken) {
        Optional<IssuedAccount> issued = store.accountOfApplication(applicationId);
        if (issued.isPresent() && !issued.get().cardToken().equals(cardToken)) {
            throw new ScreeningInputRefused("applicationId", "already-issued",
                    "a card was issued on this screening already: one approval, one account");
        }
    }

    /**
     * Withdraws the account recorded for a card whose issuance did not finish (the card suspended or closed
     * before anyone used it): it is no longer re-screened, and its limits no longer count as this issuer's
     * existing limits; the application may then record the card again, on another approval. Audited;
     * idempotent (false when nothing was recorded).
     */
    public boolean withdrawIssued(String cardToken, String actor) {
        ScreeningRequest.reference("cardToken", cardToken);
        ScreeningInputRefused.required("actor", actor);
        Boolean withdrawn = transactions.execute(tx -> {
            Optional<IssuedAccount> account = store.account(cardToken);
            if (account.isEmpty() || !store.deleteAccount(cardToken)) {
                return false;
            }
            audit.record(new AuditEvent(AuditEvent.fit(actor, AuditEvent.MAX_ACTOR), ACTION_WITHDRAWN,
                    "card/" + cardToken, null, AuditOutcome.SUCCESS, null,
                    "application=" + account.get().applicationId()));
            return true;
        });
        return Boolean.TRUE.equals(withdrawn);
    }

    /** The issued account of this card, if recorded. */
    public Optional<IssuedAccount> account(String cardToken) {
        return store.account(cardToken);
    }

    /** Limit reductions proposed and still open, newest first, at most {@code limit}. */
    public List<LimitProposal> proposals(int limit) {
        return store.proposals(null, Math.max(1, Math.min(limit, 1000)));
    }

    /** Open proposals for one card, newest first. */
    public List<LimitProposal> proposalsFor(String cardToken) {
        return store.proposals(cardToken, 100);
    }

    /** The latest re-screening runs with their progress, newest first, at most {@code limit}. */
    public List<RescreeningStatus> rescreeningRuns(int limit) {
        return store.runs(Math.max(1, Math.min(limit, 100)));
    }

    /**
     * Re-screens every account due now (what the scheduled job does), as one run; its final status (with
     * a null run id when nothing was due).
     */
    public RescreeningStatus rescreenDue(String actor) {
        return rescreening.run(actor);
    }

    /**
     * Starts a re-screening run now, in the background (what the scheduled job does, on a staff member's
     * request): its id and the accounts due, or a null id when nothing is due. Audited
     * ({@code screening.rescreening.requested}), refused or not; the run itself is audited as the job's are.
     *
     * @throws RescreeningRunning a run is in progress (here, or started on another instance and not finished)
     */
    public RescreeningStart rescreenNow(String actor) {
        ScreeningInputRefused.required("actor", actor);
        Rescreening.Started started = rescreening.start(actor);
        return new RescreeningStart(started.runId(), started.accountsDue());
    }

    /** What "run now" started: the run's id (null when nothing was due) and the accounts due. */
    public record RescreeningStart(String runId, int accountsDue) {
    }

    /**
     * When the re-screening looks next, and what it will find.
     *
     * @param nextRunAt      the scheduled job's next look; null when it is switched off
     * @param accountsDueNow accounts due now (at most one run's batch)
     * @param nextAccountDue when the next account falls due; null when none is recorded
     */
    public record RescreeningSchedule(Instant nextRunAt, int accountsDueNow, Instant nextAccountDue) {
    }

    public RescreeningSchedule rescreeningSchedule() {
        Instant now = clock.instant();
        return new RescreeningSchedule(rescreening.nextScheduled().orElse(null),
                store.countDue(now, properties.rescreening().batchSize()), store.nextDue().orElse(null));
    }

    /** A proposal, open or decided. */
    public Optional<LimitProposal> proposal(String id) {
        return id == null || id.length() > 64 ? Optional.empty() : store.proposal(id);
    }

    /** Proposals decided, the latest decision first, at most {@code limit}. */
    public List<LimitProposal> decidedProposals(int limit) {
        return store.decided(Math.max(1, Math.min(limit, 1000)));
    }

    /**
     * The open proposals' count and what accepting them all would take off the cards (both limits, in yen).
     */
    public record OpenProposals(long count, long reduction) {
    }

    public OpenProposals openProposals() {
        long[] totals = store.openTotals();
        return new OpenProposals(totals[0], totals[1]);
    }

    /**
     * Accepts a proposal: the account's recorded limits become the proposed ones, the proposal is
     * {@code ACCEPTED}, and both are audited ({@code screening.limit-reduction.accepted}, resource
     * {@code card/{token}}, detail the limits and the note's length, never its words), in one transaction;
     * {@link LimitReductionAccepted} is published for the issuer's systems (which tell the cardholder).
     * The same acceptance again (a double click, a retried request) answers the proposal as accepted,
     * changing and auditing nothing.
     *
     * @param note why, optional (at most {@value #MAX_NOTE} characters of plain text)
     * @throws ProposalRefused unknown, rejected before ({@code already-decided}), the account's limits no
     *                         longer those it reduces ({@code limits-changed}), or a note that cannot be stored
     */
    public LimitProposal acceptProposal(String proposalId, String actor, String note) {
        return decide(proposalId, ProposalStatus.ACCEPTED, actor, note);
    }

    /**
     * Rejects a proposal with a note saying why: the limits stay, the proposal is {@code REJECTED}, audited
     * ({@code screening.limit-reduction.rejected}). The same rejection again answers it as rejected.
     *
     * @throws ProposalRefused unknown, accepted before ({@code already-decided}), no note, or one that
     *                         cannot be stored
     */
    public LimitProposal rejectProposal(String proposalId, String actor, String note) {
        return decide(proposalId, ProposalStatus.REJECTED, actor, note);
    }

    private LimitProposal decide(String proposalId, ProposalStatus status, String actor, String note) {
        ScreeningInputRefused.required("actor", actor);
        LimitProposal before = proposal(proposalId)
                .orElseThrow(() -> new ProposalRefused(ProposalRefused.Reason.UNKNOWN, null, "no such proposal"));
        if (!before.open()) {
            return decidedAlready(before, status);
        }
        String text = note == null ? "" : note.strip();
        if (text.length() > MAX_NOTE || FreeText.multiLineProblem(text).isPresent()) {
            throw new ProposalRefused(ProposalRefused.Reason.NOTE_INVALID, before.status(), "the note cannot be stored");
        }
        if (status == ProposalStatus.REJECTED && text.isEmpty()) {
            throw new ProposalRefused(ProposalRefused.Reason.NOTE_REQUIRED, before.status(), "a rejection says why");
        }
        ProposalDecision decision = new ProposalDecision(status, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                AuditEvent.fit(actor, AuditEvent.MAX_ACTOR), text);
        Boolean made = transactions.execute(tx -> {
            if (!store.decide(proposalId, decision)) {
                return false; // decided at the same moment elsewhere: answered below
            }
            if (status == ProposalStatus.ACCEPTED
                    && !store.changeLimits(before.cardToken(), before.current(), before.proposed())) {
                // The account's limits moved since the proposal was made (another proposal accepted, the card
                // re-issued): its figures no longer apply. Nothing is kept; staff reject it or wait for the next run.
                tx.setRollbackOnly();
                return null;
            }
            audit.record(new AuditEvent(decision.decidedBy(),
                    status == ProposalStatus.ACCEPTED ? ACTION_ACCEPTED : ACTION_REJECTED, "card/" + before.cardToken(),
                    null, AuditOutcome.SUCCESS, null, AuditEvent.fit("proposal=" + proposalId + " revolving "
                            + before.current().revolving() + "->" + (status == ProposalStatus.ACCEPTED
                            ? before.proposed().revolving() : before.current().revolving())
                            + " cashAdvance " + before.current().cashAdvance() + "->" + (status == ProposalStatus.ACCEPTED
                            ? before.proposed().cashAdvance() : before.current().cashAdvance())
                            + " note=" + text.length() + " chars", AuditEvent.MAX_DETAIL)));
            if (status == ProposalStatus.ACCEPTED) {
                events.publishEvent(new LimitReductionAccepted(proposalId, before.cardToken(), before.customerId(),
                        before.current(), before.proposed(), decision.decidedAt()));
            }
            return true;
        });
        if (made == null) {
            throw new ProposalRefused(ProposalRefused.Reason.LIMITS_CHANGED, ProposalStatus.PROPOSED,
                    "the account's limits changed since the proposal was made");
        }
        LimitProposal after = store.proposal(proposalId)
                .orElseThrow(() -> new ProposalRefused(ProposalRefused.Reason.UNKNOWN, null, "no such proposal"));
        return made ? after : decidedAlready(after, status);
    }

    /** A decided proposal asked to be decided again: the same way is answered as done, the other way refused. */
    private static LimitProposal decidedAlready(LimitProposal decided, ProposalStatus asked) {
        if (decided.status() == asked) {
            return decided;
        }
        throw new ProposalRefused(ProposalRefused.Reason.ALREADY_DECIDED, decided.status(),
                "the proposal was decided before");
    }

    /**
     * An erased customer's issued accounts and proposals go with their data; the decisions their accounts were
     * granted on keep their record without a figure ({@link #forgetDecisions}). Decisions on applications that
     * issued no account hold no customer id: the module that knows whose they were erases them the same way.
     */
    @EventListener
    void onCustomerErased(CustomerErased erased) {
        store.eraseFigures(store.applicationsOf(erased.customerId()), erased.erasedAt());
        store.forget(erased.customerId());
    }

    /**
     * The applicant of these applications was erased (called by the module that knows whose they were, inside
     * the erasure's transaction): their decisions keep what was decided (outcome, reasons, the limits granted,
     * when and by whom: the Installment Sales Act's record of the decision) and lose every figure the decision
     * rested on. Safe to repeat; unknown ids are passed over.
     *
     * @return how many decisions lost their figures now
     */
    public int forgetDecisions(java.util.Collection<String> applicationIds, Instant erasedAt) {
        return store.eraseFigures(applicationIds.stream().filter(id -> id != null).distinct().toList(), erasedAt);
    }
}
