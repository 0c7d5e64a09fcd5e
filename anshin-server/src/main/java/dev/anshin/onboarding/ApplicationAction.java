package dev.anshin.onboarding;

/** What can happen to an application: the actions of {@link ApplicationTransitions}. */
public enum ApplicationAction {
    SAVE_STEP,
    SUBMIT,
    ABANDON,
    START_IDENTITY,
    IDENTITY_CONCLUDED,
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
