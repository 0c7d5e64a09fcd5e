package dev.anshin.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ScreeningPolicyTest {

    private final ScreeningPolicy policy = new ScreeningPolicy(ScreeningPolicy.Settings.DEFAULTS);

    private static ApplicantFigures single(long income) {
        return new ApplicantFigures(income, 1, Housing.NONE, 0, false);
    }

    private static BureauReport clean() {
        return new BureauReport(0, 0, 0, 0);
    }

    private static BureauReport othersBorrowed(long cash) {
        return new BureauReport(cash, 0, cash, 0);
    }

    // 1. Delinquency

    @Test
    void aDelinquencyDeclinesAndGrantsNothing() {
        ScreeningPolicy.Verdict verdict = policy.decide(single(8_000_000), new BureauReport(0, 0, 0, 1),
                new Limits(500_000, 0));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.DECLINE);
        assertThat(verdict.reasons()).first().isEqualTo(ReasonCode.DELINQUENCY);
        assertThat(verdict.granted()).isEqualTo(Limits.NONE);
        assertThat(verdict.needed()).isEmpty();
    }

    @Test
    void noDelinquencyIsNoReason() {
        ScreeningPolicy.Verdict verdict = policy.decide(single(8_000_000), clean(), new Limits(500_000, 0));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.APPROVE);
        assertThat(verdict.reasons()).isEmpty();
        assertThat(verdict.granted()).isEqualTo(new Limits(500_000, 0));
    }

    // 2. The issuer's minimum limit

    @Test
    void aCapacityThatAllowsTheMinimumLimitIsApprovedAtIt() {
        // capacity 111,112 yen: 90 % is 100,000.8, cut to 100,000 = the minimum
        ScreeningPolicy.Verdict verdict = policy.decide(single(1_011_112), clean(), new Limits(500_000, 0));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.APPROVE);
        assertThat(verdict.granted().revolving()).isEqualTo(100_000);
        assertThat(verdict.reasons()).containsExactly(ReasonCode.REVOLVING_REDUCED);
    }

    @Test
    void aCapacityOneYenShortOfTheMinimumDeclines() {
        // capacity 111,111 yen: 90 % is 99,999.9, cut to 99,999, stepped to 90,000 < 100,000
        ScreeningPolicy.Verdict verdict = policy.decide(single(1_011_111), clean(), new Limits(500_000, 0));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.DECLINE);
        assertThat(verdict.reasons()).contains(ReasonCode.BELOW_MINIMUM_LIMIT);
        assertThat(verdict.figures().allowed().revolving()).isEqualTo(90_000);
        assertThat(verdict.granted()).isEqualTo(Limits.NONE);
    }

    @Test
    void aRequestBelowTheMinimumIsRefusedAsInputNotDeclined() {
        assertThatThrownBy(() -> policy.decide(single(9_000_000), clean(), new Limits(50_000, 0)))
                .isInstanceOfSatisfying(ScreeningInputRefused.class, e -> {
                    assertThat(e.field()).isEqualTo("requested.revolving");
                    assertThat(e.reason()).isEqualTo("too-small");
                });
    }

    @Test
    void theMinimumIsComparedWithWhatTheCapacityAllowsBeforeTheRequestCapsIt() {
        ScreeningPolicy.Verdict verdict = policy.decide(single(9_000_000), clean(), new Limits(100_000, 0));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.APPROVE);
        assertThat(verdict.granted().revolving()).isEqualTo(100_000);
        assertThat(verdict.figures().revolvingCapacity()).isEqualTo(7_290_000); // 90 % of 8,100,000
    }

    @Test
    void aMinimumOffTheLimitStepIsRefused() {
        assertThatThrownBy(() -> new ScreeningPolicy.Settings(10_000, 105_000, true, 35))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noIncomeDeclines() {
        assertThat(policy.decide(single(0), clean(), new Limits(100_000, 0)).outcome())
                .isEqualTo(ScreeningOutcome.DECLINE);
    }

    // 3. The bureau's absence

    @Test
    void noBureauAnswerRefersWithTheReportNeeded() {
        ScreeningPolicy.Verdict verdict = policy.decide(single(8_000_000), null, new Limits(500_000, 0));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.REFER);
        assertThat(verdict.reasons()).containsExactly(ReasonCode.BUREAU_UNAVAILABLE);
        assertThat(verdict.needed()).containsExactly(Requirement.BUREAU_REPORT);
        assertThat(verdict.figures().bureauAnswered()).isFalse();
    }

    @Test
    void noBureauAnswerGrantsNothingForStaffToClear() {
        ScreeningPolicy.Verdict verdict = policy.decide(single(8_000_000), null, new Limits(500_000, 100_000));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.REFER);
        assertThat(verdict.granted()).isEqualTo(Limits.NONE);
    }

    @Test
    void noBureauAnswerStillDeclinesWhatTheApplicantsOwnFiguresRuleOut() {
        ScreeningPolicy.Verdict verdict = policy.decide(single(1_000_000), null, new Limits(500_000, 0));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.DECLINE);
        assertThat(verdict.reasons()).contains(ReasonCode.BELOW_MINIMUM_LIMIT, ReasonCode.BUREAU_UNAVAILABLE);
    }

    @Test
    void noBureauAnswerNeverApproves() {
        qt().withExamples(1000).forAll(longs().between(0, 50_000_000), integers().between(1, 6),
                        longs().between(100_000, 5_000_000), longs().between(0, 3_000_000))
                .checkAssert((income, size, revolving, cash) -> assertThat(policy.decide(
                        new ApplicantFigures(income, size, Housing.RENT, 0, true), null, new Limits(revolving, cash))
                        .outcome()).isNotEqualTo(ScreeningOutcome.APPROVE));
    }

    // 4. Proof of income (Money Lending Business Act)

    @Test
    void aCashAdvanceOfFiveHundredThousandNeedsNoProof() {
        ScreeningPolicy.Verdict verdict = policy.decide(single(9_000_000), clean(), new Limits(500_000, 500_000));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.APPROVE);
        assertThat(verdict.granted().cashAdvance()).isEqualTo(500_000);
    }

    @Test
    void aCashAdvanceAboveFiveHundredThousandNeedsProof() {
        ScreeningPolicy.Verdict verdict = policy.decide(single(9_000_000), clean(), new Limits(500_000, 510_000));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.REFER);
        assertThat(verdict.reasons()).containsExactly(ReasonCode.PROOF_OF_INCOME_REQUIRED);
        assertThat(verdict.needed()).containsExactly(Requirement.PROOF_OF_INCOME);
        assertThat(verdict.granted()).as("what staff may grant once the proof is seen").isEqualTo(new Limits(500_000, 510_000));
    }

    @Test
    void withOtherLendersAMillionInAllNeedsNoProof() {
        ScreeningPolicy.Verdict verdict = policy.decide(single(9_000_000), othersBorrowed(500_000),
                new Limits(500_000, 500_000));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.APPROVE);
    }

    @Test
    void withOtherLendersAboveAMillionInAllNeedsProof() {
        ScreeningPolicy.Verdict verdict = policy.decide(single(9_000_000), othersBorrowed(500_001),
                new Limits(500_000, 500_000));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.REFER);
        assertThat(verdict.reasons()).containsExactly(ReasonCode.PROOF_OF_INCOME_REQUIRED);
    }

    @Test
    void noCashAdvanceNeedsNoProofWhateverOthersLent() {
        ScreeningPolicy.Verdict verdict = policy.decide(single(9_000_000), othersBorrowed(2_000_000),
                new Limits(500_000, 0));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.APPROVE);
    }

    @Test
    void proofSeenLetsTheLargerCashAdvanceThrough() {
        ScreeningPolicy.Verdict verdict = policy.decide(new ApplicantFigures(9_000_000, 1, Housing.NONE, 0, true), clean(),
                new Limits(500_000, 800_000));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.APPROVE);
        assertThat(verdict.granted().cashAdvance()).isEqualTo(800_000);
    }

    // 5. Revolving limit within 90 % of the capacity

    @Test
    void aRevolvingRequestWithinTheCapacityIsGrantedAsAsked() {
        // 5,000,000 − 2,090,000 − 600,000 = 2,310,000; 90 % = 2,079,000
        ApplicantFigures family = new ApplicantFigures(5_000_000, 3, Housing.RENT, 600_000, false);

        ScreeningPolicy.Verdict verdict = policy.decide(family, clean(), new Limits(2_070_000, 0));

        assertThat(verdict.granted().revolving()).isEqualTo(2_070_000);
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void aRevolvingRequestAboveNinetyPercentIsReducedToTheStepBelowIt() {
        ApplicantFigures family = new ApplicantFigures(5_000_000, 3, Housing.RENT, 600_000, false);

        ScreeningPolicy.Verdict verdict = policy.decide(family, clean(), new Limits(2_080_000, 0));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.APPROVE);
        assertThat(verdict.granted().revolving()).isEqualTo(2_070_000);
        assertThat(verdict.reasons()).containsExactly(ReasonCode.REVOLVING_REDUCED);
    }

    @Test
    void aRequestBetweenStepsIsCutToTheStep() {
        ScreeningPolicy.Verdict verdict = policy.decide(single(9_000_000), clean(), new Limits(123_456, 0));

        assertThat(verdict.granted().revolving()).isEqualTo(120_000);
        assertThat(verdict.reasons()).containsExactly(ReasonCode.REVOLVING_REDUCED);
    }

    @Test
    void aCardWithoutARevolvingLimitIsRefused() {
        assertThatThrownBy(() -> policy.decide(single(9_000_000), clean(), new Limits(0, 100_000)))
                .isInstanceOfSatisfying(ScreeningInputRefused.class,
                        e -> assertThat(e.field()).isEqualTo("requested.revolving"));
    }

    // 6. Cash advance within the total-volume rule

    @Test
    void aCashAdvanceThatFillsTheThirdExactlyIsGranted() {
        // a third of 3,000,000 = 1,000,000; others 600,000; room 400,000
        ScreeningPolicy.Verdict verdict = policy.decide(new ApplicantFigures(3_000_000, 1, Housing.NONE, 0, true),
                othersBorrowed(600_000), new Limits(300_000, 400_000));

        assertThat(verdict.granted().cashAdvance()).isEqualTo(400_000);
        assertThat(verdict.reasons()).doesNotContain(ReasonCode.CASH_ADVANCE_REDUCED);
    }

    @Test
    void aCashAdvanceBeyondTheThirdIsReducedToIt() {
        ScreeningPolicy.Verdict verdict = policy.decide(new ApplicantFigures(3_000_000, 1, Housing.NONE, 0, true),
                othersBorrowed(600_000), new Limits(300_000, 410_000));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.APPROVE);
        assertThat(verdict.granted().cashAdvance()).isEqualTo(400_000);
        assertThat(verdict.reasons()).contains(ReasonCode.CASH_ADVANCE_REDUCED);
        assertThat(verdict.figures().cashAdvanceRoom()).isEqualTo(400_000);
    }

    @Test
    void othersAtTheThirdAlreadyLeaveNoCashAdvance() {
        ScreeningPolicy.Verdict verdict = policy.decide(new ApplicantFigures(3_000_000, 1, Housing.NONE, 0, true),
                othersBorrowed(1_200_000), new Limits(300_000, 100_000));

        assertThat(verdict.granted().cashAdvance()).isZero();
        assertThat(verdict.figures().cashAdvanceRoom()).isZero();
        assertThat(verdict.reasons()).contains(ReasonCode.CASH_ADVANCE_REDUCED);
    }

    // 6b. This issuer's existing limits for the same customer

    @Test
    void anExistingRevolvingLimitTakesItsShareOfTheCapacity() {
        // 90 % of the capacity 2,079,000, 1,500,000 held already: 579,000 left, stepped 570,000
        ApplicantFigures family = new ApplicantFigures(5_000_000, 3, Housing.RENT, 600_000, false);

        ScreeningPolicy.Verdict verdict = policy.decide(family, clean(), new Limits(1_500_000, 0),
                new Limits(1_000_000, 0));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.APPROVE);
        assertThat(verdict.granted().revolving()).isEqualTo(570_000);
        assertThat(verdict.reasons()).containsExactly(ReasonCode.REVOLVING_REDUCED);
    }

    @Test
    void anExistingRevolvingLimitFillingTheCapacityDeclines() {
        ApplicantFigures family = new ApplicantFigures(5_000_000, 3, Housing.RENT, 600_000, false);

        ScreeningPolicy.Verdict verdict = policy.decide(family, clean(), new Limits(2_000_000, 0),
                new Limits(500_000, 0));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.DECLINE);
        assertThat(verdict.reasons()).contains(ReasonCode.BELOW_MINIMUM_LIMIT);
    }

    @Test
    void anExistingCashAdvanceTakesItsShareOfTheThird() {
        // a third of 3,000,000 = 1,000,000; others 600,000; this issuer 300,000 already: room 100,000
        ScreeningPolicy.Verdict verdict = policy.decide(new ApplicantFigures(3_000_000, 1, Housing.NONE, 0, true),
                othersBorrowed(600_000), new Limits(100_000, 300_000), new Limits(300_000, 400_000));

        assertThat(verdict.granted().cashAdvance()).isEqualTo(100_000);
        assertThat(verdict.figures().cashAdvanceRoom()).isEqualTo(100_000);
        assertThat(verdict.reasons()).contains(ReasonCode.CASH_ADVANCE_REDUCED);
    }

    @Test
    void anExistingCashAdvanceCountsTowardsTheProofOfIncome() {
        ScreeningPolicy.Verdict verdict = policy.decide(single(9_000_000), clean(), new Limits(100_000, 400_000),
                new Limits(500_000, 200_000));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.REFER);
        assertThat(verdict.reasons()).containsExactly(ReasonCode.PROOF_OF_INCOME_REQUIRED);
    }

    @Test
    void anExistingRevolvingLimitCountsTowardsTheConventionalCeiling() {
        ScreeningPolicy.Verdict verdict = policy.decide(modest(0), clean(), new Limits(100_000, 0),
                new Limits(300_000, 0));

        assertThat(verdict.figures().conventional()).isFalse();
        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.DECLINE); // 126,000 − 100,000 leaves 20,000
    }

    // 7. The conventional path (limits up to 300,000 yen)

    /** Income 1,300,000, single, renting: capacity 140,000, 90 % = 126,000 → 120,000 by the formula. */
    private static ApplicantFigures modest(long repayments) {
        return new ApplicantFigures(1_300_000 + repayments, 1, Housing.RENT, repayments, false);
    }

    @Test
    void threeHundredThousandMayBeGrantedConventionallyAboveTheFormula() {
        ScreeningPolicy.Verdict verdict = policy.decide(modest(0), clean(), new Limits(300_000, 0));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.APPROVE);
        assertThat(verdict.granted().revolving()).isEqualTo(300_000);
        assertThat(verdict.figures().capacity().maxRevolvingLimit()).isEqualTo(126_000);
        assertThat(verdict.reasons()).containsExactly(ReasonCode.CONVENTIONAL_SCREENING);
    }

    @Test
    void aboveThreeHundredThousandTheFormulaAlwaysApplies() {
        ScreeningPolicy.Verdict verdict = policy.decide(modest(0), clean(), new Limits(310_000, 0));

        assertThat(verdict.granted().revolving()).isEqualTo(120_000);
        assertThat(verdict.reasons()).containsExactly(ReasonCode.REVOLVING_REDUCED);
    }

    @Test
    void theConventionalPathTakesRepaymentsUpToItsShareOfIncome() {
        // repayments 700,000 of income 2,000,000 = 35 %: on the path
        ScreeningPolicy.Verdict verdict = policy.decide(modest(700_000), clean(), new Limits(300_000, 0));

        assertThat(verdict.reasons()).contains(ReasonCode.CONVENTIONAL_SCREENING);
    }

    @Test
    void theConventionalPathRefusesRepaymentsAboveItsShareOfIncome() {
        // repayments 700,001 of income 2,000,001: just over 35 %
        ScreeningPolicy.Verdict verdict = policy.decide(modest(700_001), clean(), new Limits(300_000, 0));

        assertThat(verdict.reasons()).doesNotContain(ReasonCode.CONVENTIONAL_SCREENING);
        assertThat(verdict.granted().revolving()).isEqualTo(120_000);
    }

    @Test
    void theConventionalPathNeedsSomeCapacity() {
        ScreeningPolicy.Verdict verdict = policy.decide(new ApplicantFigures(1_160_000, 1, Housing.RENT, 0, false), clean(),
                new Limits(300_000, 0));

        assertThat(verdict.outcome()).isEqualTo(ScreeningOutcome.DECLINE);
        assertThat(verdict.reasons()).doesNotContain(ReasonCode.CONVENTIONAL_SCREENING);
    }

    @Test
    void theConventionalPathCanBeSwitchedOff() {
        ScreeningPolicy strict = new ScreeningPolicy(new ScreeningPolicy.Settings(10_000, 100_000, false, 35));

        ScreeningPolicy.Verdict verdict = strict.decide(modest(0), clean(), new Limits(300_000, 0));

        assertThat(verdict.granted().revolving()).isEqualTo(120_000);
        assertThat(verdict.figures().conventional()).isFalse();
    }

    // 8. The bureau's repayments

    @Test
    void theBureausHigherRepaymentsAreUsed() {
        ApplicantFigures family = new ApplicantFigures(5_000_000, 3, Housing.RENT, 600_000, false);

        ScreeningPolicy.Verdict verdict = policy.decide(family, new BureauReport(2_000_000, 900_000, 0, 0),
                new Limits(3_000_000, 0));

        assertThat(verdict.figures().capacity().annualCreditRepayments()).isEqualTo(900_000);
        assertThat(verdict.granted().revolving()).isEqualTo(1_800_000); // 0.9 × 2,010,000 = 1,809,000
        assertThat(verdict.reasons()).contains(ReasonCode.BUREAU_REPAYMENTS_HIGHER);
    }

    @Test
    void theBureausEqualRepaymentsAreNoReason() {
        ApplicantFigures family = new ApplicantFigures(5_000_000, 3, Housing.RENT, 600_000, false);

        ScreeningPolicy.Verdict verdict = policy.decide(family, new BureauReport(2_000_000, 600_000, 0, 0),
                new Limits(1_000_000, 0));

        assertThat(verdict.reasons()).isEmpty();
    }

    // Over all figures

    @Test
    void grantedLimitsStayWithinTheLawTheRequestAndTheStep() {
        Gen<ApplicantFigures> applicants = longs().between(0, 30_000_000).zip(integers().between(1, 6),
                arbitrary().enumValues(Housing.class), longs().between(0, 3_000_000),
                (income, size, housing, repayments) -> new ApplicantFigures(income, size, housing, repayments,
                        income % 2 == 0));
        Gen<Limits> requests = longs().between(100_000, 3_000_000).zip(longs().between(0, 2_000_000), Limits::new);
        // The bureau's repayments and other lenders' cash, a delinquency now and then, or no answer at all (empty).
        Gen<Optional<BureauReport>> bureaus = longs().between(0, 2_500_000).zip(longs().between(0, 2_000_000),
                integers().between(0, 19), (repayments, others, dice) ->
                        new BureauReport(repayments * 5, repayments, others, dice == 0 ? 1 : 0)).toOptionals(20);
        Gen<Limits> existing = longs().between(0, 1_500_000).zip(longs().between(0, 800_000),
                (revolving, cash) -> revolving % 3 == 0 ? Limits.NONE : new Limits(revolving, cash));
        qt().withExamples(3000).forAll(applicants, requests, bureaus, existing)
                .checkAssert((applicant, requested, bureau, held) -> {
                    long income = applicant.annualIncome();
                    long others = bureau.map(BureauReport::otherLendersCashAdvanceBalance).orElse(0L);
                    ScreeningPolicy.Verdict verdict = policy.decide(applicant, bureau.orElse(null), held, requested);
                    Limits granted = verdict.granted();
                    PaymentCapacity capacity = verdict.figures().capacity();
                    assertThat(capacity.annualCreditRepayments()).isGreaterThanOrEqualTo(Math.max(
                            applicant.annualCreditRepayments(), bureau.map(BureauReport::annualRepaymentsDue).orElse(0L)));
                    assertThat(granted.revolving()).isLessThanOrEqualTo(requested.revolving());
                    assertThat(granted.cashAdvance()).isLessThanOrEqualTo(requested.cashAdvance());
                    assertThat(granted.revolving() % 10_000).isZero();
                    assertThat(granted.cashAdvance() % 10_000).isZero();
                    if (!verdict.figures().conventional()) {
                        assertThat(granted.revolving() + (granted.revolving() > 0 ? held.revolving() : 0))
                                .isLessThanOrEqualTo(Math.max(capacity.maxRevolvingLimit(), 0));
                    } else {
                        assertThat(granted.revolving() + held.revolving())
                                .isLessThanOrEqualTo(ScreeningPolicy.CONVENTIONAL_CEILING);
                    }
                    if (granted.cashAdvance() > 0) {
                        assertThat(granted.cashAdvance() + held.cashAdvance() + others).isLessThanOrEqualTo(income / 3);
                    }
                    if (bureau.isEmpty()) {
                        assertThat(verdict.outcome()).as("no bureau answer never approves")
                                .isNotEqualTo(ScreeningOutcome.APPROVE);
                        assertThat(granted).as("no bureau answer grants nothing").isEqualTo(Limits.NONE);
                    }
                    if (verdict.outcome() == ScreeningOutcome.APPROVE) {
                        assertThat(granted.revolving()).isGreaterThanOrEqualTo(100_000);
                        assertThat(verdict.needed()).isEmpty();
                        if (granted.cashAdvance() > 500_000) {
                            assertThat(applicant.incomeProven()).as("a cash advance over 500,000 yen needs proof").isTrue();
                        }
                    }
                });
    }

    @Test
    void everyReasonCodeHasARule() {
        assertThat(policy.rules().stream().map(ScreeningPolicy.Rule::reason).toList())
                .containsExactlyInAnyOrder(ReasonCode.values());
        assertThat(Set.copyOf(policy.rules().stream().map(ScreeningPolicy.Rule::reason).toList()))
                .hasSize(ReasonCode.values().length);
    }

    @Test
    void theDocsShowTheDecisionTableAsItIs() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "screening.md"));
        assertThat(docs).as("docs/screening.md holds ScreeningPolicy.decisionTable() with the default settings; "
                + "paste it again after changing the rules").contains(policy.decisionTable());
    }
}
