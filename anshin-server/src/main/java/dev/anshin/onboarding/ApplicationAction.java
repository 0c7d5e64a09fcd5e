package dev.anshin.onboarding;

/** What can happen to an application: the actions of {@link ApplicationTransitions}. */
public enum ApplicationAction {
    SAVE_STEP,
    SUBMIT,
    ABANDON,
    START_IDENTITY,
    IDENTITY_CONCLUDED,
    /**
     * A credit officer decided the identity check the eKYC policy sent to review (confirmed or rejected, with a
     * sealed note); the application stays REFERRED and goes on from the verification's new outcome.
     */
    REVIEW_IDENTITY,
    /**
     * The applicant verifies again with another document (a new eKYC verification) after the last one did not
     * confirm the identity (an expired document, a method not accepted) or was not finished in time.
     */
    RETRY_IDENTITY,
    APPROVE,
    REFER,
    DECLINE,
    ISSUE,
    FAIL,
    RETRY_SCREENING,
    RETRY_ISSUE,
    /** The applicant's personal data was erased (their request, or retention): an open application closes. */
    ERASE
}
