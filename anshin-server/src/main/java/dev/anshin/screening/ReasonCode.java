package dev.anshin.screening;

/**
 * Why a screening decided as it did. Each reason has two texts in the bundle, for staff
 * ({@code screening.reason.CODE.staff}) and in plain words for the applicant
 * ({@code screening.reason.CODE.applicant}); the conditions are {@link ScreeningPolicy}'s rules.
 */
public enum ReasonCode {
    DELINQUENCY(null),
    BELOW_MINIMUM_LIMIT(null),
    BUREAU_UNAVAILABLE(Requirement.BUREAU_REPORT),
    PROOF_OF_INCOME_REQUIRED(Requirement.PROOF_OF_INCOME),
    REVOLVING_REDUCED(null),
    CASH_ADVANCE_REDUCED(null),
    CONVENTIONAL_SCREENING(null),
    BUREAU_REPAYMENTS_HIGHER(null);

    private final Requirement needs;

    ReasonCode(Requirement needs) {
        this.needs = needs;
    }

    /** What staff need to clear a referral for this reason, or null. */
    public Requirement needs() {
        return needs;
    }

    /** The bundle key of the words for staff. */
    public String staffMessageKey() {
        return "screening.reason." + name() + ".staff";
    }

    /** The bundle key of the plain words for the applicant. */
    public String applicantMessageKey() {
        return "screening.reason." + name() + ".applicant";
    }
}
