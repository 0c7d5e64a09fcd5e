package dev.anshin.screening;

/**
 * Every figure a screening decision rests on, as stored with it and shown to staff.
 *
 * @param declared        what the applicant declared
 * @param bureau          the bureau's figures, or null when it did not answer (timeout, failure)
 * @param capacity        the payment capacity, with the larger of the declared and the bureau's repayments
 * @param existing        the limits this issuer already gives the same customer on accounts issued
 *                        before (none for a new customer): they take their share of both ceilings
 * @param cashAdvanceRoom what the total-volume rule leaves for this cash advance: one third of income less
 *                        other lenders' cash balances and this issuer's existing cash-advance limits, at least 0
 * @param revolvingCapacity the revolving limit the capacity allows before the request caps it (stepped;
 *                        on the conventional path, the request): what the minimum limit is compared with
 * @param conventional    whether the revolving limit allowed rests on the conventional path (at most
 *                        300,000 yen, above 90 % of the capacity) rather than on the formula
 * @param requested       the limits asked for
 * @param allowed         the limits the rules allow (before the outcome: a decline grants nothing)
 */
public record ScreeningFigures(ApplicantFigures declared, BureauFigures bureau, PaymentCapacity capacity,
        Limits existing, long cashAdvanceRoom, long revolvingCapacity, boolean conventional, Limits requested,
        Limits allowed) {

    public ScreeningFigures {
        ScreeningInputRefused.required("declared", declared);
        ScreeningInputRefused.required("capacity", capacity);
        ScreeningInputRefused.required("existing", existing);
        ScreeningInputRefused.required("requested", requested);
        ScreeningInputRefused.required("allowed", allowed);
    }

    public boolean bureauAnswered() {
        return bureau != null;
    }

    /** Other lenders' cash balances, 0 when the bureau did not answer (the decision is then a referral). */
    public long otherLendersCashAdvance() {
        return bureau == null ? 0 : bureau.otherLendersCashAdvance();
    }
}
