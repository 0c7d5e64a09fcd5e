package dev.anshin.screening;

/**
 * The part of a credit bureau's report that a screening decision uses, and all of it that is stored:
 * credit information is kept only as far as the decision needs it (docs/screening.md).
 *
 * @param annualRepaymentsDue    yen to repay on credit in a year, as the bureau knows it
 * @param otherLendersCashAdvance yen borrowed in cash from other money lenders
 * @param delinquent             whether a delinquency (異動) is on record
 */
public record BureauFigures(long annualRepaymentsDue, long otherLendersCashAdvance, boolean delinquent) {

    public BureauFigures {
        ScreeningInputRefused.yen("annualRepaymentsDue", annualRepaymentsDue);
        ScreeningInputRefused.yen("otherLendersCashAdvance", otherLendersCashAdvance);
    }
}
