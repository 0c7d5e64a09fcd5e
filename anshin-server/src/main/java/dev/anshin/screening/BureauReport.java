package dev.anshin.screening;

/**
 * What the credit bureau answered about one person, in yen.
 *
 * @param creditDebtBalance             credit purchase and loan balances outstanding with every other company
 * @param annualRepaymentsDue           what the person must repay on credit in the coming year
 *                                      (年間請求予定額): enters the payment capacity
 * @param otherLendersCashAdvanceBalance cash borrowed from other money lenders (貸金業者), for the
 *                                      total-volume rule
 * @param delinquencies                 delinquencies (異動) on record
 */
public record BureauReport(long creditDebtBalance, long annualRepaymentsDue, long otherLendersCashAdvanceBalance,
        int delinquencies) {

    public BureauReport {
        ScreeningInputRefused.yen("creditDebtBalance", creditDebtBalance);
        ScreeningInputRefused.yen("annualRepaymentsDue", annualRepaymentsDue);
        ScreeningInputRefused.yen("otherLendersCashAdvanceBalance", otherLendersCashAdvanceBalance);
        if (delinquencies < 0) {
            throw new ScreeningInputRefused("delinquencies", "negative", "must not be negative");
        }
    }

    /** The part of the report a decision uses and stores. */
    public BureauFigures figures() {
        return new BureauFigures(annualRepaymentsDue, otherLendersCashAdvanceBalance, delinquencies > 0);
    }
}
