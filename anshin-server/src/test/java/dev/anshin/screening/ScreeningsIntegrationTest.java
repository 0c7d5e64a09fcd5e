package dev.anshin.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anshin.IntegrationTestSupport;
import dev.anshin.screening.SandboxCreditBureau.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Screening through the module's API on the database: stored, audited, idempotent, re-screened. */
class ScreeningsIntegrationTest extends IntegrationTestSupport {

    @Autowired
    Screenings screenings;

    @Autowired
    SandboxCreditBureau bureau;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    private static final Duration MONTH_AND_A_DAY = Duration.ofDays(31);

    /** 5,000,000 a year, a family of three renting, 600,000 repayments: 90 % of capacity 2,079,000. */
    private static final ApplicantFigures FAMILY = new ApplicantFigures(5_000_000, 3, Housing.RENT, 600_000, false);

    private String application(Scenario scenario) {
        String id = "APP-" + UUID.randomUUID();
        bureau.assign(id, scenario);
        return id;
    }

    private ScreeningDecision screen(String id, Limits requested) {
        return screenings.screen(new ScreeningRequest(id, null, FAMILY, requested, "onboarding"));
    }

    private List<Map<String, Object>> audited(String resource) {
        return jdbc.sql("SELECT actor, action, detail, outcome FROM audit_log WHERE resource = ? ORDER BY seq")
                .param(resource).query().listOfRows();
    }

    @Test
    void anApprovalIsStoredWithItsFiguresAndAudited() {
        String id = application(Scenario.CLEAN);

        ScreeningDecision decision = screen(id, new Limits(2_500_000, 300_000));

        assertThat(decision.outcome()).isEqualTo(ScreeningOutcome.APPROVE);
        assertThat(decision.granted()).isEqualTo(new Limits(2_070_000, 300_000));
        assertThat(decision.reasons()).containsExactly(ReasonCode.REVOLVING_REDUCED);
        assertThat(screenings.find(id)).contains(decision);
        Map<String, Object> row = jdbc.sql("SELECT living_costs, payment_capacity, max_revolving_limit, bureau_repayments, "
                + "policy FROM screening_decisions WHERE application_id = ?").param(id).query().singleRow();
        assertThat(row).containsEntry("LIVING_COSTS", 2_090_000L).containsEntry("PAYMENT_CAPACITY", 2_310_000L)
                .containsEntry("MAX_REVOLVING_LIMIT", 2_079_000L).containsEntry("BUREAU_REPAYMENTS", 0L);
        assertThat(audited("screening/application/" + id)).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("ACTOR", "onboarding").containsEntry("ACTION", Screenings.ACTION_DECIDE);
            assertThat(entry.get("DETAIL")).isEqualTo("APPROVE reasons=REVOLVING_REDUCED");
        });
    }

    @Test
    void theSameApplicationAgainAnswersTheStoredDecisionWithoutAskingTheBureauAgain() {
        String id = application(Scenario.CLEAN);
        ScreeningDecision first = screen(id, new Limits(1_000_000, 0));
        bureau.assign(id, Scenario.DELINQUENT); // would decline if it were asked again

        ScreeningDecision again = screen(id, new Limits(1_000_000, 0));

        assertThat(again).isEqualTo(first);
        assertThat(audited("screening/application/" + id)).hasSize(1);
    }

    @Test
    void theSameApplicationIdWithOtherFiguresIsAConflict() {
        String id = application(Scenario.CLEAN);
        screen(id, new Limits(1_000_000, 0));

        assertThatThrownBy(() -> screen(id, new Limits(1_500_000, 0))).isInstanceOfSatisfying(ScreeningConflict.class,
                e -> assertThat(e.applicationId()).isEqualTo(id));
    }

    @Test
    void aDelinquentApplicantIsDeclined() {
        ScreeningDecision decision = screen(application(Scenario.DELINQUENT), new Limits(500_000, 0));

        assertThat(decision.outcome()).isEqualTo(ScreeningOutcome.DECLINE);
        assertThat(decision.reasons()).first().isEqualTo(ReasonCode.DELINQUENCY);
        assertThat(decision.figures().bureau().delinquent()).isTrue();
    }

    @Test
    void aHeavyBorrowerAskingForCashIsReferredForProofOfIncome() {
        ScreeningDecision decision = screenings.screen(new ScreeningRequest(application(Scenario.HEAVY_BORROWER), null,
                new ApplicantFigures(9_000_000, 1, Housing.NONE, 0, false), new Limits(500_000, 200_000), "onboarding"));

        assertThat(decision.outcome()).isEqualTo(ScreeningOutcome.REFER);
        assertThat(decision.reasons()).contains(ReasonCode.PROOF_OF_INCOME_REQUIRED);
        assertThat(decision.needed()).containsExactly(Requirement.PROOF_OF_INCOME);
    }

    @Test
    void aBureauFailureRefersAndNeverApproves() {
        String id = application(Scenario.FAILURE);

        ScreeningDecision decision = screen(id, new Limits(500_000, 0));

        assertThat(decision.outcome()).isEqualTo(ScreeningOutcome.REFER);
        assertThat(decision.reasons()).containsExactly(ReasonCode.BUREAU_UNAVAILABLE);
        assertThat(decision.needed()).containsExactly(Requirement.BUREAU_REPORT);
        assertThat(decision.granted()).as("only a fresh screening with the bureau's answer sets limits")
                .isEqualTo(Limits.NONE);
        assertThat(screenings.find(id).orElseThrow().figures().bureauAnswered()).isFalse();
    }

    @Test
    void aBureauSlowerThanTheTimeoutRefers() {
        // The sandbox's slow person answers after 10 s; the screening waits 3 s.
        ScreeningDecision decision = screen(application(Scenario.SLOW), new Limits(500_000, 0));

        assertThat(decision.outcome()).isEqualTo(ScreeningOutcome.REFER);
        assertThat(decision.reasons()).containsExactly(ReasonCode.BUREAU_UNAVAILABLE);
    }

    @Test
    void impossibleFiguresAreRefusedBeforeAnythingIsStored() {
        String id = application(Scenario.CLEAN);

        assertThatThrownBy(() -> screenings.screen(new ScreeningRequest(id, null,
                new ApplicantFigures(-1, 1, Housing.NONE, 0, false), new Limits(100_000, 0), "onboarding")))
                .isInstanceOfSatisfying(ScreeningInputRefused.class, e -> assertThat(e.field()).isEqualTo("annualIncome"));
        assertThatThrownBy(() -> screenings.screen(new ScreeningRequest("has spaces", null, FAMILY,
                new Limits(100_000, 0), "onboarding")))
                .isInstanceOfSatisfying(ScreeningInputRefused.class, e -> assertThat(e.field()).isEqualTo("applicationId"));
        assertThat(screenings.find(id)).isEmpty();
    }

    @Test
    void onlyAnApprovalWithinItsLimitsCanBeIssued() {
        String declined = application(Scenario.DELINQUENT);
        screen(declined, new Limits(500_000, 0));
        String approved = application(Scenario.CLEAN);
        screen(approved, new Limits(500_000, 100_000));
        String card = "tok_" + UUID.randomUUID().toString().replace("-", "");

        assertThatThrownBy(() -> screenings.recordIssued(card, "c-1", declined, new Limits(100_000, 0), "onboarding"))
                .isInstanceOfSatisfying(ScreeningInputRefused.class, e -> assertThat(e.reason()).isEqualTo("not-approved"));
        assertThatThrownBy(() -> screenings.recordIssued(card, "c-1", approved, new Limits(510_000, 0), "onboarding"))
                .isInstanceOfSatisfying(ScreeningInputRefused.class,
                        e -> assertThat(e.reason()).isEqualTo("above-screening"));
        assertThatThrownBy(() -> screenings.recordIssued(card, "c-1", "APP-unknown", new Limits(100_000, 0), "onboarding"))
                .isInstanceOfSatisfying(ScreeningInputRefused.class, e -> assertThat(e.reason()).isEqualTo("unknown"));
        assertThat(screenings.account(card)).isEmpty();
    }

    private static String card() {
        return "tok_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void aDecisionIsExplainedFromItsRowEvenAfterTheStatutoryTableChanges() {
        String id = application(Scenario.CLEAN);
        screen(id, new Limits(1_000_000, 0));
        // As if decided under an older table: living costs 2,000,000 instead of today's 2,090,000.
        jdbc.sql("UPDATE screening_decisions SET living_costs = 2000000, payment_capacity = 2400000, "
                + "max_revolving_limit = 2160000, cash_advance_ceiling = 1600000 WHERE application_id = ?").param(id).update();

        PaymentCapacity stored = screenings.find(id).orElseThrow().figures().capacity();

        assertThat(stored.livingCosts()).isEqualTo(2_000_000);
        assertThat(stored.paymentCapacity()).isEqualTo(2_400_000);
        assertThat(stored.maxRevolvingLimit()).isEqualTo(2_160_000);
        assertThat(stored.cashAdvanceCeiling()).isEqualTo(1_600_000);
    }

    @Test
    void oneApprovalIssuesOneCard() {
        String id = application(Scenario.CLEAN);
        screen(id, new Limits(500_000, 0));
        String first = card();
        String second = card();
        screenings.recordIssued(first, "c-" + UUID.randomUUID(), id, new Limits(500_000, 0), "onboarding");

        assertThatThrownBy(() -> screenings.recordIssued(second, "c-" + UUID.randomUUID(), id, new Limits(500_000, 0),
                "onboarding")).isInstanceOfSatisfying(ScreeningInputRefused.class, e -> {
                    assertThat(e.field()).isEqualTo("applicationId");
                    assertThat(e.reason()).isEqualTo("already-issued");
                });
        assertThat(screenings.account(second)).isEmpty();
    }

    @Test
    void theDatabaseHoldsOneAccountPerApplication() {
        String id = application(Scenario.CLEAN);
        screen(id, new Limits(500_000, 0));
        screenings.recordIssued(card(), "c-1", id, new Limits(500_000, 0), "onboarding");

        assertThatThrownBy(() -> jdbc.sql("INSERT INTO screening_accounts (card_token, customer_id, application_id, "
                        + "revolving_limit, cash_advance_limit, issued_at, next_review_at) "
                        + "SELECT ?, customer_id, application_id, revolving_limit, cash_advance_limit, issued_at, "
                        + "next_review_at FROM screening_accounts WHERE application_id = ?")
                .params(card(), id).update()).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aCardWithoutARevolvingLimitIsNotRecorded() {
        String id = application(Scenario.CLEAN);
        screen(id, new Limits(500_000, 100_000));
        String card = card();

        assertThatThrownBy(() -> screenings.recordIssued(card, "c-1", id, new Limits(0, 100_000), "onboarding"))
                .isInstanceOfSatisfying(ScreeningInputRefused.class, e -> {
                    assertThat(e.field()).isEqualTo("granted.revolving");
                    assertThat(e.reason()).isEqualTo("too-small");
                });
        assertThat(screenings.account(card)).isEmpty();
    }

    @Test
    void aCustomersExistingAccountTakesItsShareOfBothCeilingsAtTheirNextApplication() {
        String customer = "c-" + UUID.randomUUID();
        String firstApplication = application(Scenario.CLEAN);
        screenings.screen(new ScreeningRequest(firstApplication, customer, FAMILY, new Limits(1_500_000, 300_000),
                "onboarding"));
        screenings.recordIssued(card(), customer, firstApplication, new Limits(1_500_000, 300_000), "onboarding");
        String secondApplication = application(Scenario.CLEAN);

        ScreeningDecision second = screenings.screen(new ScreeningRequest(secondApplication, customer, FAMILY,
                new Limits(1_000_000, 1_500_000), "onboarding"));

        assertThat(second.figures().existing()).isEqualTo(new Limits(1_500_000, 300_000));
        // 90 % of the capacity 2,079,000 less 1,500,000; a third of 5,000,000 less 300,000
        assertThat(second.figures().allowed()).isEqualTo(new Limits(570_000, 1_360_000));
        assertThat(screenings.find(secondApplication)).contains(second);
    }

    @Test
    void limitsHeldUnderAnotherCustomerIdCountWithTheCustomersOwn() {
        String customer = "c-" + UUID.randomUUID();
        String firstApplication = application(Scenario.CLEAN);
        screenings.screen(new ScreeningRequest(firstApplication, customer, FAMILY, new Limits(1_000_000, 100_000),
                "onboarding"));
        screenings.recordIssued(card(), customer, firstApplication, new Limits(500_000, 100_000), "onboarding");

        ScreeningDecision second = screenings.screen(new ScreeningRequest(application(Scenario.CLEAN), customer,
                FAMILY, new Limits(1_000_000, 1_500_000), "onboarding", new Limits(1_000_000, 200_000)));

        assertThat(second.figures().existing()).isEqualTo(new Limits(1_500_000, 300_000));
        assertThat(second.figures().allowed()).isEqualTo(new Limits(570_000, 1_360_000));
    }

    @Test
    void anIssuanceThatDidNotFinishWithdrawsItsAccountSoTheCardMayBeRecordedAgain() {
        String id = application(Scenario.CLEAN);
        screen(id, new Limits(500_000, 100_000));
        String card = "tok_" + UUID.randomUUID().toString().replace("-", "");
        String customer = "c-" + UUID.randomUUID();
        screenings.recordIssued(card, customer, id, new Limits(500_000, 100_000), "onboarding");
        assertThatThrownBy(() -> screenings.recordIssued(card, customer, id, new Limits(300_000, 0), "onboarding"))
                .isInstanceOf(ScreeningInputRefused.class);

        assertThat(screenings.withdrawIssued(card, "onboarding")).isTrue();
        assertThat(screenings.withdrawIssued(card, "onboarding")).isFalse();
        assertThat(screenings.account(card)).isEmpty();
        assertThat(screenings.recordIssued(card, customer, id, new Limits(300_000, 0), "onboarding").limits())
                .isEqualTo(new Limits(300_000, 0));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'screening.account.withdrawn' AND resource = ?")
                .param("card/" + card).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anIssuedCardIsRecordedOnceAndAudited() {
        String id = application(Scenario.CLEAN);
        screen(id, new Limits(500_000, 100_000));
        String card = "tok_" + UUID.randomUUID().toString().replace("-", "");

        IssuedAccount first = screenings.recordIssued(card, "c-" + UUID.randomUUID(), id, new Limits(500_000, 100_000),
                "onboarding");
        IssuedAccount again = screenings.recordIssued(card, first.customerId(), id, new Limits(500_000, 100_000),
                "onboarding");

        assertThat(again).isEqualTo(first);
        assertThat(first.nextReviewAt()).isEqualTo(first.issuedAt().plus(Duration.ofDays(30)));
        assertThat(audited("card/" + card)).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("ACTION", Screenings.ACTION_ISSUED));
    }

    @Test
    void reScreeningAfterTheCadenceProposesLowerLimitsWithoutApplyingThem() {
        String id = application(Scenario.CLEAN);
        screen(id, new Limits(2_000_000, 500_000));
        String card = "tok_" + UUID.randomUUID().toString().replace("-", "");
        screenings.recordIssued(card, "c-" + UUID.randomUUID(), id, new Limits(2_000_000, 500_000), "onboarding");
        bureau.assign(id, Scenario.HEAVY_BORROWER); // new debts since: more repayments, cash from other lenders

        RescreeningStatus early = screenings.rescreenDue("test");
        assertThat(screenings.proposalsFor(card)).as("not due before 30 days").isEmpty();
        RescreeningStatus run;
        RescreeningStatus again;
        clock.advance(MONTH_AND_A_DAY);
        try {
            run = screenings.rescreenDue("test");
            again = screenings.rescreenDue("test");
        } finally {
            clock.advance(MONTH_AND_A_DAY.negated()); // the context's clock is shared: give the other tests their time back
        }

        assertThat(early.finishedAt()).isNotNull();
        assertThat(run.accountsDone()).isGreaterThanOrEqualTo(1);
        assertThat(run.proposals()).isGreaterThanOrEqualTo(1);
        assertThat(screenings.rescreeningRuns(10)).extracting(RescreeningStatus::runId).contains(run.runId());
        assertThat(screenings.rescreeningRuns(10)).filteredOn(r -> r.runId().equals(run.runId())).singleElement()
                .satisfies(stored -> {
                    assertThat(stored.running()).isFalse();
                    assertThat(stored.accountsDone()).isEqualTo(run.accountsDone());
                    assertThat(stored.proposals()).isEqualTo(run.proposals());
                });
        assertThat(screenings.proposalsFor(card)).as("one proposal: the account is not due again at once").singleElement()
                .satisfies(p -> {
                    assertThat(p.current()).isEqualTo(new Limits(2_000_000, 500_000));
                    assertThat(p.proposed().revolving()).isLessThan(2_000_000);
                    assertThat(p.proposed().revolving() + p.proposed().cashAdvance()).isLessThan(2_500_000);
                    assertThat(p.reasons()).contains(ProposalReason.CAPACITY_FELL);
                    assertThat(p.bureau().otherLendersCashAdvance()).isGreaterThan(1_000_000);
                    assertThat(p.latePayments()).as("Anshin keeps no billing ledger").isNull();
                    assertThat(p.runId()).isEqualTo(run.runId());
                });
        assertThat(screenings.account(card).orElseThrow().limits()).as("never applied")
                .isEqualTo(new Limits(2_000_000, 500_000));
        assertThat(audited("card/" + card)).extracting(entry -> entry.get("ACTION"))
                .containsExactly(Screenings.ACTION_ISSUED, Rescreening.ACTION_PROPOSED);
        assertThat(audited("screening/run/" + run.runId())).singleElement()
                .satisfies(entry -> assertThat((String) entry.get("DETAIL")).contains("proposals="));
    }

    @Test
    void aBureauThatFailsAtReScreeningLeavesTheAccountDue() {
        String id = application(Scenario.CLEAN);
        screen(id, new Limits(500_000, 0));
        String card = "tok_" + UUID.randomUUID().toString().replace("-", "");
        IssuedAccount issued = screenings.recordIssued(card, "c-" + UUID.randomUUID(), id, new Limits(500_000, 0),
                "onboarding");
        bureau.assign(id, Scenario.FAILURE);
        RescreeningStatus run;
        clock.advance(MONTH_AND_A_DAY);
        try {
            run = screenings.rescreenDue("test");
        } finally {
            clock.advance(MONTH_AND_A_DAY.negated());
        }

        assertThat(run.failures()).isGreaterThanOrEqualTo(1);
        assertThat(screenings.account(card).orElseThrow().nextReviewAt()).isEqualTo(issued.nextReviewAt());
        assertThat(screenings.proposalsFor(card)).isEmpty();
    }

    @Test
    void anAccountWhoseReviewFailsKeepsTheCadenceAndTheRunSaysWhy() {
        String id = application(Scenario.CLEAN);
        screen(id, new Limits(500_000, 0));
        String card = card();
        screenings.recordIssued(card, "c-" + UUID.randomUUID(), id, new Limits(500_000, 0), "onboarding");
        // A row no review can work with (as recorded before recordIssued refused it): reviewing it throws.
        jdbc.sql("UPDATE screening_accounts SET revolving_limit = 0 WHERE card_token = ?").param(card).update();
        RescreeningStatus run;
        clock.advance(MONTH_AND_A_DAY);
        try {
            run = screenings.rescreenDue("test");
        } finally {
            clock.advance(MONTH_AND_A_DAY.negated());
        }

        assertThat(run.failures()).isGreaterThanOrEqualTo(1);
        assertThat(run.errors()).contains("ScreeningInputRefused x");
        assertThat(screenings.account(card).orElseThrow().nextReviewAt()).as("not due again next hour")
                .isEqualTo(run.startedAt().plus(Duration.ofDays(30)));
        assertThat(screenings.rescreeningRuns(10)).filteredOn(r -> r.runId().equals(run.runId())).singleElement()
                .satisfies(stored -> assertThat(stored.errors()).isEqualTo(run.errors()));
    }

    @Test
    void anErasedCustomersAccountsAndProposalsGoAndTheirDecisionKeepsItsRecordWithoutAFigure() {
        String id = application(Scenario.CLEAN);
        screen(id, new Limits(500_000, 0));
        String card = "tok_" + UUID.randomUUID().toString().replace("-", "");
        String customer = "c-" + UUID.randomUUID();
        screenings.recordIssued(card, customer, id, new Limits(500_000, 0), "onboarding");

        transactions.executeWithoutResult(tx -> events.publishEvent(
                new dev.anshin.privacy.CustomerErased(customer, clock.instant())));

        assertThat(screenings.account(card)).isEmpty();
        // The record of the decision stays (Installment Sales Act), its figures do not.
        assertThat(screenings.find(id)).as("no figure is read back").isEmpty();
        var row = jdbc.sql("SELECT outcome, granted_revolving, annual_income, payment_capacity, figures_erased_at "
                + "FROM screening_decisions WHERE application_id = ?").param(id).query().singleRow();
        assertThat(row.get("outcome")).isEqualTo("APPROVE");
        assertThat(((Number) row.get("granted_revolving")).longValue()).isEqualTo(500_000L);
        assertThat(((Number) row.get("annual_income")).longValue()).isZero();
        assertThat(((Number) row.get("payment_capacity")).longValue()).isZero();
        assertThat(row.get("figures_erased_at")).isNotNull();
        // Screening the same application again cannot match figures that are gone: refused, never stored twice.
        assertThatThrownBy(() -> screen(id, new Limits(500_000, 0))).isInstanceOf(ScreeningConflict.class);
    }
}
