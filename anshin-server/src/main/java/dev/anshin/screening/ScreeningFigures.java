package dev.anshin.screening;

/**
 * Every figure a screening decision rests on, as stored with it and shown to staff.
 *
 * @param declared        what the applicant declared
 * @param bureau          the bureau's figures, or null when it did not answer (timeout, failure)
 * @param capacity        the payment capacity, with the larger of the declared and the bureau's repayments
 * @param cashAdvanceRoom what the total-volume rule leaves for this issuer's cash advance: one third of
 *                        income less other lenders' cash balances, at least 0
 * @param conventional    whether the revolving limit allowed rests on the conventional path (at most
 *                        300,000 yen, above 90 % of the capacity) rather than on the formula
 * @param requested       the limits asked for
 * @param allowed         the limits the rules allow (before the outcome: a decline grants nothing)
 */
public record ScreeningFigures(ApplicantFigures declared, BureauFigures bureau, PaymentCapacity capacity,
        long cashAdvanceRoom, boolean conventional, Limits requested, Limits allowed) {

    public ScreeningFigures {
        ScreeningInputRefused.required("declared", declared);
        ScreeningInputRefused.required("capacity", capacity);
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
