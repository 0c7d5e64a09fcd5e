package dev.anshin.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountReviewTest {

    private final AccountReview review = new AccountReview(new ScreeningPolicy(ScreeningPolicy.Settings.DEFAULTS), 2, 90);

    /** 5,000,000 a year, a family of three renting, 600,000 repayments: 90 % of capacity 2,079,000. */
    private static final ApplicantFigures FAMILY = new ApplicantFigures(5_000_000, 3, Housing.RENT, 600_000, true);
    private static final Limits CURRENT = new Limits(1_000_000, 300_000);
    private static final UsageFigures QUIET = new UsageFigures(50_000, 0);

    @Test
    void unchangedFiguresProposeNothing() {
        assertThat(review.review(FAMILY, CURRENT, new BureauReport(0, 600_000, 0, 0), QUIET)).isEmpty();
    }

    @Test
    void newDebtsThatLowerTheCapacityBelowTheLimitProposeTheNewCeiling() {
        // repayments now 1,800,000: capacity 1,110,000, 90 % 999,000 → 990,000
        Optional<AccountReview.Proposal> proposal = review.review(FAMILY, CURRENT,
                new BureauReport(5_000_000, 1_800_000, 0, 0), QUIET);

        assertThat(proposal).get().satisfies(p -> {
            assertThat(p.proposed()).isEqualTo(new Limits(990_000, 300_000));
            assertThat(p.reasons()).containsExactly(ProposalReason.CAPACITY_FELL);
        });
    }

    @Test
    void newDebtsThatLeaveTheLimitWithinTheCapacityProposeNothing() {
        // repayments 1,790,000: capacity 1,120,000, 90 % 1,008,000 ≥ 1,000,000
        assertThat(review.review(FAMILY, CURRENT, new BureauReport(5_000_000, 1_790_000, 0, 0), QUIET)).isEmpty();
    }

    @Test
    void otherLendersBeyondTheThirdProposeALowerCashAdvance() {
        // a third of 5,000,000 = 1,666,666; others 1,400,000 leave 266,666 → 260,000
        Optional<AccountReview.Proposal> proposal = review.review(FAMILY, CURRENT,
                new BureauReport(1_400_000, 600_000, 1_400_000, 0), QUIET);

        assertThat(proposal).get().satisfies(p -> {
            assertThat(p.proposed()).isEqualTo(new Limits(1_000_000, 260_000));
            assertThat(p.reasons()).containsExactly(ProposalReason.TOTAL_VOLUME_EXCEEDED);
        });
    }

    @Test
    void aDelinquencyProposesNoCashAdvanceAndTheMinimumLimit() {
        Optional<AccountReview.Proposal> proposal = review.review(FAMILY, CURRENT, new BureauReport(0, 600_000, 0, 1), QUIET);

        assertThat(proposal).get().satisfies(p -> {
            assertThat(p.proposed()).isEqualTo(new Limits(100_000, 0));
            assertThat(p.reasons()).containsExactly(ProposalReason.DELINQUENCY);
        });
    }

    @Test
    void latePaymentsAtTheThresholdProposeNoCashAdvance() {
        Optional<AccountReview.Proposal> proposal = review.review(FAMILY, CURRENT, new BureauReport(0, 600_000, 0, 0),
                new UsageFigures(50_000, 2));

        assertThat(proposal).get().satisfies(p -> {
            assertThat(p.proposed()).isEqualTo(new Limits(1_000_000, 0));
            assertThat(p.reasons()).containsExactly(ProposalReason.LATE_PAYMENTS);
        });
    }

    @Test
    void latePaymentsBelowTheThresholdOrUnknownProposeNothing() {
        BureauReport same = new BureauReport(0, 600_000, 0, 0);
        assertThat(review.review(FAMILY, CURRENT, same, new UsageFigures(50_000, 1))).isEmpty();
        assertThat(review.review(FAMILY, CURRENT, same, new UsageFigures(50_000, null))).isEmpty();
    }

    @Test
    void highUseIsNotedBesideAProposalButProposesNothingAlone() {
        BureauReport same = new BureauReport(0, 600_000, 0, 0);
        assertThat(review.review(FAMILY, CURRENT, same, new UsageFigures(950_000, 0))).isEmpty();

        Optional<AccountReview.Proposal> proposal = review.review(FAMILY, CURRENT, same, new UsageFigures(900_000, 3));

        assertThat(proposal).get().satisfies(p -> {
            assertThat(p.reasons()).containsExactly(ProposalReason.LATE_PAYMENTS, ProposalReason.HIGH_UTILIZATION);
            assertThat(p.utilizationPercent()).isEqualTo(90);
        });
    }

    @Test
    void aConventionalLimitIsKeptWhileItsPathStillHolds() {
        // capacity 140,000: the formula allows 120,000, the conventional path the 300,000 granted
        ApplicantFigures modest = new ApplicantFigures(1_300_000, 1, Housing.RENT, 0, false);

        assertThat(review.review(modest, new Limits(300_000, 0), new BureauReport(0, 0, 0, 0), QUIET)).isEmpty();
    }
}
