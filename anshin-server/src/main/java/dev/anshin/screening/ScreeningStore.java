package dev.anshin.screening;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The module's tables (V26): decisions, issued accounts, re-screening runs and proposals. */
@Repository
class ScreeningStore {

    private final JdbcClient jdbc;

    ScreeningStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // Decisions

    void insert(ScreeningDecision d, String actor, String policy) {
        ScreeningFigures f = d.figures();
        ApplicantFigures a = f.declared();
        PaymentCapacity c = f.capacity();
        BureauFigures b = f.bureau();
        jdbc.sql("INSERT INTO screening_decisions (application_id, decided_at, decided_by, outcome, reasons, needed, policy, "
                        + "annual_income, household_size, housing, declared_repayments, income_proven, bureau_repayments, "
                        + "bureau_other_cash, bureau_delinquent, repayments_used, living_costs, payment_capacity, "
                        + "max_revolving_limit, cash_advance_ceiling, existing_revolving, existing_cash_advance, "
                        + "cash_advance_room, revolving_capacity, conventional, requested_revolving, "
                        + "requested_cash_advance, allowed_revolving, allowed_cash_advance, granted_revolving, "
                        + "granted_cash_advance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(d.applicationId(), Timestamp.from(d.decidedAt()), actor, d.outcome().name(), join(d.reasons()),
                        join(d.needed().stream().sorted().toList()), policy, a.annualIncome(), a.householdSize(),
                        a.housing().name(), a.annualCreditRepayments(), a.incomeProven(),
                        b == null ? null : b.annualRepaymentsDue(), b == null ? null : b.otherLendersCashAdvance(),
                        b == null ? null : b.delinquent(), c.annualCreditRepayments(), c.livingCosts(),
                        c.paymentCapacity(), c.maxRevolvingLimit(), c.cashAdvanceCeiling(), f.existing().revolving(),
                        f.existing().cashAdvance(), f.cashAdvanceRoom(), f.revolvingCapacity(), f.conventional(), f.requested().revolving(), f.requested().cashAdvance(), f.allowed().revolving(),
                        f.allowed().cashAdvance(), d.granted().revolving(), d.granted().cashAdvance())
                .update();
    }

    Optional<ScreeningDecision> decision(String applicationId) {
        return jdbc.sql("SELECT * FROM screening_decisions WHERE application_id = ? AND figures_erased_at IS NULL")
                .param(applicationId).query(ScreeningStore::decision).optional();
    }

    /** Whether a decision was stored for this application id, its figures erased or not. */
    boolean decided(String applicationId) {
        return jdbc.sql("SELECT COUNT(*) FROM screening_decisions WHERE application_id = ?").param(applicationId)
                .query(Long.class).single() > 0;
    }

    /**
     * The decisions on these applications keep their record (outcome, reasons, what was granted, when and by whom)
     * and lose every figure they rested on: the applicant's declared income, household and housing, the credit
     * bureau's answer and everything computed from them. Zeros where a column cannot be empty, with the time of the
     * erasure, so that no reader takes them for figures ({@link #decision} no longer finds them).
     */
    int eraseFigures(java.util.Collection<String> applicationIds, Instant at) {
        if (applicationIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE screening_decisions SET annual_income = 0, household_size = 0, housing = 'NONE',
                            declared_repayments = 0, income_proven = FALSE, bureau_repayments = NULL,
                            bureau_other_cash = NULL, bureau_delinquent = NULL, repayments_used = 0, living_costs = 0,
                            payment_capacity = 0, max_revolving_limit = 0, cash_advance_ceiling = 0,
                            existing_revolving = 0, existing_cash_advance = 0, cash_advance_room = 0,
                            revolving_capacity = 0, requested_revolving = 0, requested_cash_advance = 0,
                            allowed_revolving = 0, allowed_cash_advance = 0, figures_erased_at = :at
                        WHERE application_id IN (:ids) AND figures_erased_at IS NULL""")
                .param("at", Timestamp.from(at)).param("ids", applicationIds).update();
    }

    /**
     * Deletes at most {@code limit} decisions made before {@code cutoff} on which no issued account rests (an
     * account's decision stays as long as the account: the re-screening reads it), oldest first.
     */
    int sweepDecisions(Instant cutoff, int limit) {
        List<String> due = jdbc.sql("SELECT application_id FROM screening_decisions d WHERE decided_at < ? "
                        + "AND NOT EXISTS (SELECT 1 FROM screening_accounts a WHERE a.application_id = d.application_id) "
                        + "ORDER BY decided_at, application_id")
                .param(Timestamp.from(cutoff)).withMaxRows(limit).query(String.class).list();
        if (due.isEmpty()) {
            return 0;
        }
        return jdbc.sql("DELETE FROM screening_decisions WHERE application_id IN (:ids) AND NOT EXISTS "
                        + "(SELECT 1 FROM screening_accounts a WHERE a.application_id = screening_decisions.application_id)")
                .param("ids", due).update();
    }

    /**
     * Deletes at most {@code limit} proposals staff decided before {@code cutoff}, oldest first. Proposals decided
     * before V35 have no {@code decided_at} (it was added without a value): their {@code proposed_at} stands in,
     * which is earlier, so they go no later than they would have.
     */
    int sweepDecidedProposals(Instant cutoff, int limit) {
        List<String> due = jdbc.sql("SELECT id FROM screening_proposals WHERE status <> ? "
                        + "AND COALESCE(decided_at, proposed_at) < ? ORDER BY COALESCE(decided_at, proposed_at), id")
                .params(ProposalStatus.PROPOSED.name(), Timestamp.from(cutoff)).withMaxRows(limit)
                .query(String.class).list();
        if (due.isEmpty()) {
            return 0;
        }
        return jdbc.sql("DELETE FROM screening_proposals WHERE id IN (:ids)").param("ids", due).update();
    }

    private static ScreeningDecision decision(ResultSet rs, int row) throws SQLException {
        ApplicantFigures declared = new ApplicantFigures(rs.getLong("annual_income"), rs.getInt("household_size"),
                Housing.valueOf(rs.getString("housing")), rs.getLong("declared_repayments"),
                rs.getBoolean("income_proven"));
        long bureauRepayments = rs.getLong("bureau_repayments");
        BureauFigures bureau = rs.wasNull() ? null : new BureauFigures(bureauRepayments, rs.getLong("bureau_other_cash"),
                rs.getBoolean("bureau_delinquent"));
        // The statutory figures as they were decided with, not today's table: a decision is explained from its row.
        PaymentCapacity capacity = new PaymentCapacity(declared.annualIncome(), declared.householdSize(),
                declared.housing(), rs.getLong("repayments_used"), rs.getLong("living_costs"),
                rs.getLong("payment_capacity"), rs.getLong("max_revolving_limit"), rs.getLong("cash_advance_ceiling"));
        ScreeningFigures figures = new ScreeningFigures(declared, bureau, capacity,
                new Limits(rs.getLong("existing_revolving"), rs.getLong("existing_cash_advance")),
                rs.getLong("cash_advance_room"), rs.getLong("revolving_capacity"), rs.getBoolean("conventional"),
                new Limits(rs.getLong("requested_revolving"), rs.getLong("requested_cash_advance")),
                new Limits(rs.getLong("allowed_revolving"), rs.getLong("allowed_cash_advance")));
        return new ScreeningDecision(rs.getString("application_id"), rs.getTimestamp("decided_at").toInstant(),
                ScreeningOutcome.valueOf(rs.getString("outcome")),
                new Limits(rs.getLong("granted_revolving"), rs.getLong("granted_cash_advance")),
                split(rs.getString("reasons"), ReasonCode.class),
                requirements(split(rs.getString("needed"), Requirement.class)), figures);
    }

    // Issued accounts

    /** Inserts the account; a card recorded before is a {@code DuplicateKeyException}. */
    void insert(IssuedAccount account) {
        jdbc.sql("INSERT INTO screening_accounts (card_token, customer_id, application_id, revolving_limit, "
                        + "cash_advance_limit, issued_at, next_review_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(account.cardToken(), account.customerId(), account.applicationId(), account.limits().revolving(),
                        account.limits().cashAdvance(), Timestamp.from(account.issuedAt()),
                        Timestamp.from(account.nextReviewAt()))
                .update();
    }

    Optional<IssuedAccount> account(String cardToken) {
        return jdbc.sql("SELECT * FROM screening_accounts WHERE card_token = ?").param(cardToken)
                .query(ScreeningStore::account).optional();
    }

    boolean deleteAccount(String cardToken) {
        return jdbc.sql("DELETE FROM screening_accounts WHERE card_token = ?").param(cardToken).update() == 1;
    }

    Optional<IssuedAccount> accountOfApplication(String applicationId) {
        return jdbc.sql("SELECT * FROM screening_accounts WHERE application_id = ?").param(applicationId)
                .query(ScreeningStore::account).optional();
    }

    /** The limits of all the customer's issued accounts together (none when they have none). */
    Limits limitsOf(String customerId) {
        return jdbc.sql("SELECT COALESCE(SUM(revolving_limit), 0) AS revolving, "
                        + "COALESCE(SUM(cash_advance_limit), 0) AS cash FROM screening_accounts WHERE customer_id = ?")
                .param(customerId)
                .query((rs, n) -> new Limits(rs.getLong("revolving"), rs.getLong("cash"))).single();
    }

    List<IssuedAccount> due(Instant now, int limit) {
        return jdbc.sql("SELECT * FROM screening_accounts WHERE next_review_at <= ? ORDER BY next_review_at, card_token")
                .param(Timestamp.from(now)).withMaxRows(limit).query(ScreeningStore::account).list();
    }

    /** Claims a due account for this run by moving its next review on; false when another run took it. */
    boolean claim(IssuedAccount account, Instant next) {
        return jdbc.sql("UPDATE screening_accounts SET next_review_at = ? WHERE card_token = ? AND next_review_at = ?")
                .params(Timestamp.from(next), account.cardToken(), Timestamp.from(account.nextReviewAt()))
                .update() == 1;
    }

    /** Gives a claimed account back, due again at once (the bureau did not answer). */
    void release(IssuedAccount account, Instant claimedUntil) {
        jdbc.sql("UPDATE screening_accounts SET next_review_at = ? WHERE card_token = ? AND next_review_at = ?")
                .params(Timestamp.from(account.nextReviewAt()), account.cardToken(), Timestamp.from(claimedUntil))
                .update();
    }

    void reviewed(String cardToken, Instant at) {
        jdbc.sql("UPDATE screening_accounts SET last_reviewed_at = ? WHERE card_token = ?")
                .params(Timestamp.from(at), cardToken).update();
    }

    private static IssuedAccount account(ResultSet rs, int row) throws SQLException {
        return new IssuedAccount(rs.getString("card_token"), rs.getString("customer_id"), rs.getString("application_id"),
                new Limits(rs.getLong("revolving_limit"), rs.getLong("cash_advance_limit")),
                rs.getTimestamp("issued_at").toInstant(), rs.getTimestamp("next_review_at").toInstant());
    }

    // Runs

    void startRun(String id, Instant at, int due, String startedBy) {
        jdbc.sql("INSERT INTO screening_runs (id, started_at, accounts_due, started_by) VALUES (?, ?, ?, ?)")
                .params(id, Timestamp.from(at), due, startedBy).update();
    }

    /** Accounts due at {@code now}, at most {@code limit} (what a run started now would take). */
    int countDue(Instant now, int limit) {
        return Math.toIntExact(Math.min(limit, jdbc.sql("SELECT COUNT(*) FROM screening_accounts WHERE next_review_at <= ?")
                .param(Timestamp.from(now)).query(Long.class).single()));
    }

    /** When the next account falls due, if any account is recorded. */
    Optional<Instant> nextDue() {
        return jdbc.sql("SELECT MIN(next_review_at) AS next_due FROM screening_accounts")
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp("next_due")).map(Timestamp::toInstant)).single();
    }

    /** Whether a run started at or after {@code since} has not finished (one running, perhaps on another instance). */
    boolean unfinishedRunSince(Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM screening_runs WHERE finished_at IS NULL AND started_at >= ?")
                .param(Timestamp.from(since)).query(Long.class).single() > 0;
    }

    void progress(String id, int done, int proposals, int failures, String errors) {
        jdbc.sql("UPDATE screening_runs SET accounts_done = ?, proposals = ?, failures = ?, errors = ? WHERE id = ?")
                .params(done, proposals, failures, errors, id).update();
    }

    void finishRun(String id, Instant at) {
        jdbc.sql("UPDATE screening_runs SET finished_at = ? WHERE id = ?").params(Timestamp.from(at), id).update();
    }

    List<RescreeningStatus> runs(int limit) {
        return jdbc.sql("SELECT * FROM screening_runs ORDER BY started_at DESC, id").withMaxRows(limit)
                .query((rs, n) -> new RescreeningStatus(rs.getString("id"), rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
                        rs.getInt("accounts_due"), rs.getInt("accounts_done"), rs.getInt("proposals"),
                        rs.getInt("failures"), rs.getString("errors"), rs.getString("started_by")))
                .list();
    }

    // Proposals

    boolean openProposalFor(String cardToken, Limits proposed) {
        return jdbc.sql("SELECT COUNT(*) FROM screening_proposals WHERE card_token = ? AND status = 'PROPOSED' "
                        + "AND proposed_revolving = ? AND proposed_cash_advance = ?")
                .params(cardToken, proposed.revolving(), proposed.cashAdvance()).query(Long.class).single() > 0;
    }

    void insert(LimitProposal p) {
        jdbc.sql("INSERT INTO screening_proposals (id, run_id, card_token, customer_id, proposed_at, status, reasons, "
                        + "current_revolving, current_cash_advance, proposed_revolving, proposed_cash_advance, "
                        + "bureau_repayments, bureau_other_cash, bureau_delinquent, payment_capacity, max_revolving_limit, "
                        + "cash_advance_room, utilization_percent, late_payments) VALUES (?, ?, ?, ?, ?, 'PROPOSED', ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(p.id(), p.runId(), p.cardToken(), p.customerId(), Timestamp.from(p.proposedAt()),
                        join(p.reasons()), p.current().revolving(), p.current().cashAdvance(), p.proposed().revolving(),
                        p.proposed().cashAdvance(), p.bureau().annualRepaymentsDue(), p.bureau().otherLendersCashAdvance(),
                        p.bureau().delinquent(), p.paymentCapacity(), p.maxRevolvingLimit(), p.cashAdvanceRoom(),
                        p.utilizationPercent(), p.latePayments())
                .update();
    }

    /** Proposals still open, newest first; of one card when {@code cardToken} is not null. */
    List<LimitProposal> proposals(String cardToken, int limit) {
        JdbcClient.StatementSpec query = jdbc.sql("SELECT * FROM screening_proposals WHERE status = 'PROPOSED'"
                + (cardToken == null ? "" : " AND card_token = :card") + " ORDER BY proposed_at DESC, id");
        if (cardToken != null) {
            query = query.param("card", cardToken);
        }
        return query.withMaxRows(limit).query(ScreeningStore::proposal).list();
    }

    /** How many proposals are open, and what accepting them all would take off the cards, in yen. */
    long[] openTotals() {
        return jdbc.sql("SELECT COUNT(*) AS n, COALESCE(SUM(current_revolving + current_cash_advance "
                        + "- proposed_revolving - proposed_cash_advance), 0) AS reduction FROM screening_proposals "
                        + "WHERE status = 'PROPOSED'")
                .query((rs, n) -> new long[] {rs.getLong("n"), rs.getLong("reduction")}).single();
    }

    /** Proposals decided, the latest decision first. */
    List<LimitProposal> decided(int limit) {
        return jdbc.sql("SELECT * FROM screening_proposals WHERE status <> 'PROPOSED' ORDER BY decided_at DESC, id")
                .withMaxRows(limit).query(ScreeningStore::proposal).list();
    }

    Optional<LimitProposal> proposal(String id) {
        return jdbc.sql("SELECT * FROM screening_proposals WHERE id = ?").param(id).query(ScreeningStore::proposal)
                .optional();
    }

    /** Records the decision on an open proposal; false when it was decided already (by anyone). */
    boolean decide(String id, ProposalDecision decision) {
        return jdbc.sql("UPDATE screening_proposals SET status = ?, decided_at = ?, decided_by = ?, decision_note = ? "
                        + "WHERE id = ? AND status = 'PROPOSED'")
                .params(decision.status().name(), Timestamp.from(decision.decidedAt()), decision.decidedBy(),
                        decision.note(), id)
                .update() == 1;
    }

    /** Sets the account's limits to {@code to} if they are still {@code from}; false when they changed. */
    boolean changeLimits(String cardToken, Limits from, Limits to) {
        return jdbc.sql("UPDATE screening_accounts SET revolving_limit = ?, cash_advance_limit = ? WHERE card_token = ? "
                        + "AND revolving_limit = ? AND cash_advance_limit = ?")
                .params(to.revolving(), to.cashAdvance(), cardToken, from.revolving(), from.cashAdvance())
                .update() == 1;
    }

    private static LimitProposal proposal(ResultSet rs, int row) throws SQLException {
        int late = rs.getInt("late_payments");
        Integer latePayments = rs.wasNull() ? null : late;
        ProposalStatus status = ProposalStatus.valueOf(rs.getString("status"));
        ProposalDecision decision = status == ProposalStatus.PROPOSED ? null
                : new ProposalDecision(status, rs.getTimestamp("decided_at").toInstant(), rs.getString("decided_by"),
                        rs.getString("decision_note"));
        return new LimitProposal(rs.getString("id"), rs.getString("run_id"), rs.getString("card_token"),
                rs.getString("customer_id"), rs.getTimestamp("proposed_at").toInstant(),
                new Limits(rs.getLong("current_revolving"), rs.getLong("current_cash_advance")),
                new Limits(rs.getLong("proposed_revolving"), rs.getLong("proposed_cash_advance")),
                split(rs.getString("reasons"), ProposalReason.class),
                new BureauFigures(rs.getLong("bureau_repayments"), rs.getLong("bureau_other_cash"),
                        rs.getBoolean("bureau_delinquent")),
                rs.getLong("payment_capacity"), rs.getLong("max_revolving_limit"),
                rs.getLong("cash_advance_room"), rs.getLong("utilization_percent"), latePayments, decision);
    }

    /** The customer's issued accounts, oldest first: their disclosure. */
    List<IssuedAccount> accountsOf(String customerId) {
        return jdbc.sql("SELECT * FROM screening_accounts WHERE customer_id = ? ORDER BY issued_at, card_token")
                .param(customerId).query(ScreeningStore::account).list();
    }

    /** Every proposal about the customer's cards, open or decided, newest first: their disclosure. */
    List<LimitProposal> proposalsOf(String customerId) {
        return jdbc.sql("SELECT * FROM screening_proposals WHERE customer_id = ? ORDER BY proposed_at DESC, id")
                .param(customerId).query(ScreeningStore::proposal).list();
    }

    /** The applications the customer's issued accounts were granted on. */
    List<String> applicationsOf(String customerId) {
        return jdbc.sql("SELECT application_id FROM screening_accounts WHERE customer_id = ?").param(customerId)
                .query(String.class).list();
    }

    /** An erased customer's accounts and proposals go with their data. */
    void forget(String customerId) {
        jdbc.sql("DELETE FROM screening_proposals WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("DELETE FROM screening_accounts WHERE customer_id = ?").param(customerId).update();
    }

    private static String join(List<? extends Enum<?>> codes) {
        return codes.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    private static <E extends Enum<E>> List<E> split(String codes, Class<E> type) {
        return codes == null || codes.isEmpty() ? List.of()
                : Arrays.stream(codes.split(",")).map(code -> Enum.valueOf(type, code)).toList();
    }

    private static Set<Requirement> requirements(List<Requirement> list) {
        return list.isEmpty() ? Set.of() : EnumSet.copyOf(list);
    }
}
