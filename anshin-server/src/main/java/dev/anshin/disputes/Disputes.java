package dev.anshin.disputes;

import dev.anshin.audit.AuditEvent;
import dev.anshin.audit.AuditLog;
import dev.anshin.audit.AuditOutcome;
import dev.anshin.cards.Card;
import dev.anshin.cards.Cards;
import dev.anshin.fraud.ScoredAuthorizations;
import dev.anshin.fraud.StoredDecision;
import dev.anshin.problems.FieldProblem;
import dev.anshin.problems.FreeText;
import dev.anshin.problems.ProblemType;
import dev.anshin.problems.RequestProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "I don't recognize this charge": takes a cardholder's report, opens one case per transaction,
 * hands them to the {@link AutomaticInvestigation}, and moves cases along {@link DisputeTransitions}
 * for cardholders and staff. Every move is written to the case's history; staff moves are audited.
 */
@Service
public class Disputes {

    /** Who acts: a staff user or API client (by name), or the cardholder themself, and from where. */
    public record Acting(String name, Party party, String origin) {
        public static Acting cardholder(String customerId, String origin) {
            return new Acting("cardholder:" + customerId, Party.CARDHOLDER, origin);
        }

        public static Acting staff(String name, String origin) {
            return new Acting(name, Party.ANALYST, origin);
        }
    }

    /**
     * What a cardholder reports.
     *
     * @param authorizationIds         the transactions they do not recognize (one case each)
     * @param cardInHand               is the card in their hands?
     * @param familyCouldExplain       could a family member have used it?
     * @param subscriptionCouldExplain could a subscription or renewal explain it?
     * @param recognizesMerchant       do they recognize the merchant?
     * @param certified                they certify they did not make, allow or take part in the transactions
     */
    public record Submission(List<String> authorizationIds, Answer cardInHand, Answer familyCouldExplain,
            Answer subscriptionCouldExplain, Answer recognizesMerchant, Boolean certified) {
    }

    /** The stored report and its cases; {@code created} is false for a retried submission. */
    public record Submitted(Report report, List<Dispute> disputes, boolean created) {
    }

    private final DisputeStore store;
    /** Longest a report waits for a just-scored transaction to reach the database. */
    private static final Duration STORED_WAIT = Duration.ofSeconds(10);

    private final ScoredAuthorizations scored;
    private final Cards cards;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final AutomaticInvestigation investigation;
    private final DisputeProperties properties;
    private final DisputeReferences references;
    private final Clock clock;

    Disputes(DisputeStore store, ScoredAuthorizations scored, Cards cards, AuditLog audit, TransactionTemplate transactions,
            AutomaticInvestigation investigation, DisputeProperties properties, DisputeReferences references,
            Clock clock) {
        this.references = references;
        this.store = store;
        this.scored = scored;
        this.cards = cards;
        this.audit = audit;
        this.transactions = transactions;
        this.investigation = investigation;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Takes a report of the customer's own transactions and starts investigating it. Refused, with
     * nothing stored: a malformed report, a transaction that is not the customer's (answered like an
     * unknown one), one too old to dispute, one already disputed by another report. The same report
     * sent again returns the first one's cases.
     */
    public Submitted submit(String customerId, Channel channel, Acting by, Submission submission) {
        return submit(customerId, channel, by, submission, 1);
    }

    private Submitted submit(String customerId, Channel channel, Acting by, Submission submission, int attempt) {
        List<String> ids = validate(submission);
        Instant now = clock.instant();
        String fingerprint = fingerprint(customerId, submission);
        List<FieldProblem> problems = new ArrayList<>();
        List<StoredDecision> disputed = new ArrayList<>();
        List<String> lastFours = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String field = "authorizationIds[" + i + "]";
            Optional<StoredDecision> found = scored.find(ids.get(i))
                    .filter(d -> owns(customerId, d.authorization().cardToken()));
            if (found.isEmpty()) {
                // Someone else's transaction is answered exactly like one that does not exist.
                throw new RequestProblem(ProblemType.UNKNOWN_AUTHORIZATION,
                        "No transaction with this id on your cards.", List.of(new FieldProblem(field, "unknown")));
            }
            Optional<Dispute> existing = store.ofAuthorization(ids.get(i));
            if (existing.isPresent()) {
                Report earlier = store.report(existing.get().reportId()).orElseThrow();
                if (earlier.fingerprint().equals(fingerprint)) {
                    return new Submitted(earlier, store.ofReport(earlier.id()), false);
                }
                throw new RequestProblem(ProblemType.ALREADY_DISPUTED, "This transaction is already disputed, in case "
                        + existing.get().id() + ".", List.of(new FieldProblem(field, "already disputed")));
            }
            StoredDecision decision = found.get();
            if (!scored.awaitStored(decision.authorizationId(),
                    STORED_WAIT.minus(Duration.between(now, clock.instant())))) {
                throw new RequestProblem(ProblemType.UNAVAILABLE, "The transaction is not stored yet; retry.",
                        List.of());
            }
            Card card = cards.find(decision.authorization().cardToken()).orElseThrow();
            if (DisputeRules.windowClosed(card.bin(), decision.authorization(), now)) {
                problems.add(new FieldProblem(field, "older than " + DisputeRules.disputeDays(card.bin(),
                        decision.authorization()) + " days: too old to dispute"));
            }
            disputed.add(decision);
            lastFours.add(card.last4());
        }
        if (!problems.isEmpty()) {
            throw new RequestProblem(ProblemType.NOT_DISPUTABLE, "A transaction is too old to dispute.", problems);
        }
        Report report = new Report(UUID.randomUUID().toString(), customerId, channel, submission.cardInHand(),
                submission.familyCouldExplain(), submission.subscriptionCouldExplain(),
                submission.recognizesMerchant(), now, fingerprint, by.name(), now, references.next(now));
        List<Dispute> created = new ArrayList<>();
        try {
            transactions.executeWithoutResult(tx -> {
                store.insert(report);
                for (int i = 0; i < disputed.size(); i++) {
                    var a = disputed.get(i).authorization();
                    Dispute dispute = new Dispute(UUID.randomUUID().toString(), report.id(), a.authorizationId(),
                            a.cardToken(), customerId, a.terminalId(), a.merchantId(), a.timestamp(),
                            a.amountMinor(), a.currency(), DisputeStatus.INTAKE, 0, null, List.of(), null, null, null,
                            null, null, null, null, null, null, null, null, false, now, null, now, report.reference(),
                            null);
                    store.insert(dispute, lastFours.get(i), by.party(), by.name());
                    created.add(dispute);
                }
            });
        } catch (DuplicateKeyException duplicate) {
            if (attempt >= DisputeReferences.ATTEMPTS) {
                throw duplicate;
            }
            // Another report has this reference number, or a concurrent report took one of the
            // transactions first: the next attempt draws another number, or answers as if the
            // other report had come before.
            return submit(customerId, channel, by, submission, attempt + 1);
        }
        audit(by, "dispute.report", "dispute-report/" + report.id(), AuditOutcome.SUCCESS,
                "cases=" + created.size() + " channel=" + channel);
        investigation.start(created.stream().map(Dispute::id).toList());
        return new Submitted(report, List.copyOf(created), true);
    }

    private boolean owns(String customerId, String cardToken) {
        return cards.find(cardToken).map(card -> customerId.equals(card.customerId())).orElse(false);
    }

    private List<String> validate(Submission s) {
        List<FieldProblem> problems = new ArrayList<>();
        List<String> ids = s.authorizationIds() == null ? List.of() : s.authorizationIds();
        if (ids.isEmpty()) {
            problems.add(new FieldProblem("authorizationIds", "name at least one transaction"));
        } else if (ids.size() > properties.maxTransactionsPerReport()) {
            problems.add(new FieldProblem("authorizationIds", "at most " + properties.maxTransactionsPerReport()
                    + " transactions per report"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                if (id == null || id.isBlank() || id.length() > 64) {
                    problems.add(new FieldProblem("authorizationIds[" + i + "]", "must be 1 to 64 characters"));
                } else if (!seen.add(id)) {
                    problems.add(new FieldProblem("authorizationIds[" + i + "]", "named twice"));
                }
            }
        }
        required(problems, "cardInHand", s.cardInHand());
        required(problems, "familyCouldExplain", s.familyCouldExplain());
        required(problems, "subscriptionCouldExplain", s.subscriptionCouldExplain());
        required(problems, "recognizesMerchant", s.recognizesMerchant());
        if (!Boolean.TRUE.equals(s.certified())) {
            problems.add(new FieldProblem("certified", "the cardholder must certify they did not make or allow "
                    + "these transactions"));
        }
        if (!problems.isEmpty()) {
            throw RequestProblem.invalid(problems);
        }
        return ids;
    }

    private static void required(List<FieldProblem> problems, String field, Answer answer) {
        if (answer == null) {
            problems.add(new FieldProblem(field, "is required: YES, NO or UNSURE"));
        }
    }

    /** Equal for equal reports of the same customer: tells a retry from a different report. */
    private static String fingerprint(String customerId, Submission s) {
        List<String> ids = new ArrayList<>(s.authorizationIds());
        ids.sort(null);
        return DisputeRules.sha256(customerId + "\n" + String.join("\n", ids) + "\n" + s.cardInHand() + "\n"
                + s.familyCouldExplain() + "\n" + s.subscriptionCouldExplain() + "\n" + s.recognizesMerchant());
    }

    /** A case, for staff. */
    public Optional<Dispute> find(String disputeId) {
        return store.find(disputeId);
    }

    /** A case of this customer's (someone else's is not found). */
    public Optional<Dispute> findOf(String customerId, String disputeId) {
        return store.find(disputeId).filter(d -> d.customerId().equals(customerId));
    }

    /** The customer's cases, newest first. */
    public List<Dispute> ofCustomer(String customerId) {
        return store.ofCustomer(customerId, 200);
    }

    /** The cases of one report. */
    public List<Dispute> ofReport(String reportId) {
        return store.ofReport(reportId);
    }

    public Optional<Report> report(String reportId) {
        return store.report(reportId);
    }

    /** The case of a disputed authorization, if any. */
    public Optional<Dispute> ofAuthorization(String authorizationId) {
        return store.ofAuthorization(authorizationId);
    }

    public List<DisputeEvent> history(String disputeId) {
        return store.events(disputeId);
    }

    /**
     * The staff queue: cases waiting for an analyst (review, the cardholder's answer, a fraud case to
     * file or write off, a chargeback awaiting the network), the earliest deadline first.
     */
    public List<Dispute> queue(int limit) {
        return store.inStatus(List.of(DisputeStatus.ANALYST_REVIEW, DisputeStatus.AWAITING_CARDHOLDER,
                DisputeStatus.DECIDED_FRAUD, DisputeStatus.CHARGEBACK_FILED, DisputeStatus.INTAKE,
                DisputeStatus.INVESTIGATING), limit);
    }

    /** One page of the staff queue and how many cases match in all. */
    public record QueuePage(List<Dispute> cases, long total) {
    }

    /** The cases matching the filter, a page at a time, in the queue's order (earliest deadline first). */
    public QueuePage queue(QueueFilter filter, long offset, int limit) {
        return new QueuePage(store.page(filter, offset, limit), store.count(filter));
    }

    /** How many cases matching the filter are due in each bar of the deadline chart (all of them, not a page). */
    public java.util.Map<String, Long> deadlineCounts(QueueFilter filter, Instant now) {
        return store.countByDeadline(filter, now);
    }

    /** How many cases wait in each of the queue's statuses. */
    public java.util.Map<DisputeStatus, Long> waitingByStatus() {
        return store.countByStatus(QueueFilter.WAITING);
    }

    /** A group of the queue: the key (a card token or a customer id), its matching cases. */
    public record QueueGroup(String key, long count, List<Dispute> cases) {
    }

    /** One page of groups and how many groups match in all. */
    public record GroupPage(List<QueueGroup> groups, long total) {
    }

    /** A group shows at most this many of its cases (the count says how many there are in all). */
    public static final int CASES_PER_GROUP = 20;

    /** Whether any case is assigned to this user name, e.g. an analyst who has since been disabled. */
    public boolean anyAssignedTo(String name) {
        return store.anyAssignedTo(name);
    }

    /** The matching cases grouped by card ({@code card_token}) or customer ({@code customer_id}), the most first. */
    public GroupPage grouped(QueueFilter filter, String column, long offset, int limit) {
        List<DisputeStore.Group> groups = store.groups(filter, column, offset, limit);
        java.util.Map<String, List<Dispute>> cases = new java.util.HashMap<>();
        for (Dispute d : store.inGroups(filter, column, groups.stream().map(DisputeStore.Group::key).toList(),
                CASES_PER_GROUP)) {
            cases.computeIfAbsent(column.equals("card_token") ? d.cardToken() : d.customerId(),
                    k -> new ArrayList<>()).add(d);
        }
        return new GroupPage(groups.stream().map(g -> new QueueGroup(g.key(), g.cases(),
                List.copyOf(cases.getOrDefault(g.key(), List.of())))).toList(), store.groupCount(filter, column));
    }

    /** What came of an assignment. */
    public enum Assigned {
        /** Stored and audited. */
        DONE,
        /** It already was so: nothing to do (a retried form). */
        UNCHANGED
    }

    /**
     * Assigns a case to an analyst, or to nobody ({@code assignee} null), if its assignment is still
     * {@code expected} (what the form showed; null: nobody): a stale form is refused with a conflict,
     * nothing changed. Assigning it as it already is succeeds without a change (a retry). The
     * assignee must be a staff user holding ANALYST (checked by the caller, who knows the staff).
     * Audited either way.
     */
    public Assigned assign(String disputeId, String expected, String assignee, Acting by) {
        String resource = "dispute/" + disputeId;
        String action = assignee == null ? "dispute.unassign" : "dispute.assign";
        Dispute dispute = store.find(disputeId).orElseThrow(() -> RequestProblem.notFound("No such case."));
        if (java.util.Objects.equals(dispute.assignedTo(), assignee)) {
            audit(by, action, resource, AuditOutcome.SUCCESS, "unchanged " + (assignee == null ? "nobody" : assignee));
            return Assigned.UNCHANGED;
        }
        if (!java.util.Objects.equals(dispute.assignedTo(), expected) || !store.assign(disputeId, expected, assignee)) {
            audit(by, action, resource, AuditOutcome.DENIED, "stale assignment");
            throw RequestProblem.conflict("The case's assignment changed since it was read; reload it.");
        }
        audit(by, action, resource, AuditOutcome.SUCCESS, (expected == null ? "nobody" : expected) + "->"
                + (assignee == null ? "nobody" : assignee));
        return Assigned.DONE;
    }

    /** Records an assignment refused before it reached the case (e.g. to someone who is not an analyst). */
    public void refusedAssignment(String disputeId, Acting by, String why) {
        audit(by, "dispute.assign", "dispute/" + disputeId, AuditOutcome.FAILURE, "refused: " + why);
    }

    /** Cases in any of these statuses. */
    public List<Dispute> inStatus(List<DisputeStatus> statuses, int limit) {
        return store.inStatus(statuses, limit);
    }

    /** What this party may do with the case now. */
    public Set<DisputeAction> available(Dispute dispute, Party party) {
        return DisputeTransitions.available(dispute.status(), party);
    }

    /**
     * Moves a case by a cardholder's or an analyst's action (the party is the actor's). A cardholder
     * acts only on their own cases ({@code customerId} not null); {@code expectedVersion}, when given,
     * refuses a move made on a stale page. Confirming fraud carries out its effects (block, replace,
     * credit, label, file); filing, withdrawing and writing off talk to the network or credit.
     */
    public Dispute act(String disputeId, String customerId, DisputeAction action, Acting by, String note,
            Integer expectedVersion) {
        String audited = "dispute." + action.name().toLowerCase(java.util.Locale.ROOT);
        String resource = "dispute/" + disputeId;
        if (note != null && note.length() > 500) {
            audit(by, audited, resource, AuditOutcome.FAILURE, "refused: note too long");
            throw RequestProblem.invalid("note", "at most 500 characters");
        }
        Optional<String> unsafe = note == null ? Optional.empty() : FreeText.multiLineProblem(note);
        if (unsafe.isPresent()) {
            // Notes and answers are shown to analysts and cardholders, and kept with the case.
            audit(by, audited, resource, AuditOutcome.FAILURE, "refused: note text");
            throw RequestProblem.invalid("note", unsafe.get());
        }
        Dispute dispute = (customerId == null ? store.find(disputeId) : findOf(customerId, disputeId))
                .orElseThrow(() -> RequestProblem.notFound("No such case."));
        if (expectedVersion != null && expectedVersion != dispute.version()) {
            audit(by, audited, resource, AuditOutcome.DENIED, "stale version");
            throw RequestProblem.conflict("The case changed since it was read; reload it.");
        }
        if (dispute.effectsPending()) {
            audit(by, audited, resource, AuditOutcome.DENIED, "effects pending");
            throw RequestProblem.conflict("The case's outcome is still being carried out; try again in a moment.");
        }
        try {
            Dispute moved = investigation.move(dispute, action, by, note);
            audit(by, audited, resource, AuditOutcome.SUCCESS, dispute.status() + "->" + moved.status());
            return moved;
        } catch (IllegalTransitionException e) {
            audit(by, audited, resource, AuditOutcome.DENIED, "illegal from " + dispute.status());
            throw new RequestProblem(ProblemType.ILLEGAL_TRANSITION, e.getMessage(),
                    List.of(new FieldProblem("action", "not possible from " + dispute.status())));
        } catch (RequestProblem refused) {
            // A question without its text, a filing window closed: refused, and recorded as such.
            audit(by, audited, resource, AuditOutcome.FAILURE, "refused: "
                    + refused.type().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + refused.errors().stream().map(FieldProblem::field).toList());
            throw refused;
        }
    }

    private void audit(Acting by, String action, String resource, AuditOutcome outcome, String detail) {
        audit.record(new AuditEvent(AuditEvent.fit(by.name(), AuditEvent.MAX_ACTOR), action, resource, null, outcome,
                AuditEvent.fit(by.origin(), AuditEvent.MAX_ORIGIN), detail));
    }
}
