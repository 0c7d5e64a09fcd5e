package dev.anshin.screening;

/**
 * What the applicant declared on the application form, checked for figures that cannot be true.
 *
 * @param annualIncome           annual income, yen (0 allowed: the screening then declines)
 * @param householdSize          people in the household, 1 to {@link PaymentCapacity#MAX_HOUSEHOLD}
 * @param housing                rent, mortgage or neither
 * @param annualCreditRepayments credit repayments the applicant says they make in a year, yen
 * @param incomeProven           whether staff have seen a proof of income (源泉徴収票 and the like):
 *                               false on an application, true when staff screen again with it
 */
public record ApplicantFigures(long annualIncome, int householdSize, Housing housing, long annualCreditRepayments,
        boolean incomeProven) {

    public ApplicantFigures {
        PaymentCapacity.of(annualIncome, householdSize, housing, annualCreditRepayments); // refuses what cannot be
    }
}
