package dev.anshin.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The re-screening of one issued account as a pure function (途上与信): with the declared figures of
 * its application, the bureau's report now and the card's use, are its limits still within what the
 * law allows? If not, it proposes lower ones, with reasons. It only proposes: staff decide, and the
 * cardholder is told before a limit changes.
 *
 * <p>The allowed limits are worked out exactly as at application ({@link ScreeningPolicy#figures}), with
 * the current limits in place of the requested ones: a limit granted on the conventional path is not
 * proposed for reduction while that path still holds.
 *
 * @param policy                  the application's policy (step, minimum, conventional path)
 * @param latePaymentsThreshold   late payments in twelve months from which the cash advance is proposed at 0
 * @param highUtilizationPercent  use at or above this share of the revolving limit is noted beside a proposal
 */
record AccountReview(ScreeningPolicy policy, int latePaymentsThreshold, int highUtilizationPercent) {

    /** A proposal: the lower limits, why, and the figures. */
    record Proposal(Limits proposed, List<ProposalReason> reasons, ScreeningFigures figures, long utilizationPercent,
            Integer latePayments) {
        Proposal {
            reasons = List.copyOf(reasons);
        }
    }

    Optional<Proposal> review(ApplicantFigures declared, Limits current, BureauReport bureau, UsageFigures usage) {
        ScreeningFigures figures = policy.figures(declared, bureau.figures(), current);
        long revolving = figures.allowed().revolving();
        long cashAdvance = figures.allowed().cashAdvance();
        List<ProposalReason> reasons = new ArrayList<>();
        if (revolving < current.revolving()) {
            reasons.add(ProposalReason.CAPACITY_FELL);
        }
        if (cashAdvance < current.cashAdvance()) {
            reasons.add(ProposalReason.TOTAL_VOLUME_EXCEEDED);
        }
        if (bureau.delinquencies() > 0) {
            revolving = Math.min(revolving, policy.settings().minimumLimit());
            cashAdvance = 0;
            reasons.add(ProposalReason.DELINQUENCY);
        }
        if (usage.latePayments() != null && usage.latePayments() >= latePaymentsThreshold && current.cashAdvance() > 0) {
            cashAdvance = 0;
            reasons.add(ProposalReason.LATE_PAYMENTS);
        }
        Limits proposed = new Limits(Math.min(revolving, current.revolving()), Math.min(cashAdvance, current.cashAdvance()));
        if (!proposed.lowerThan(current)) {
            return Optional.empty();
        }
        long utilization = usage.utilizationPercent(current.revolving());
        if (utilization >= highUtilizationPercent) {
            reasons.add(ProposalReason.HIGH_UTILIZATION);
        }
        return Optional.of(new Proposal(proposed, reasons, figures, utilization, usage.latePayments()));
    }
}
