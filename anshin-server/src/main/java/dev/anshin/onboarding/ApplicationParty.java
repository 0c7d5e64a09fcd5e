package dev.anshin.onboarding;

/** Who makes a move on an application. */
public enum ApplicationParty {
    /** The applicant, on the {@code /apply} pages, or a partner channel sending the application for them. */
    APPLICANT,
    /** Anshin itself: the identity check's result, the screening and policy, issuance. */
    SYSTEM,
    /** Staff deciding a referral. */
    STAFF,
    /** The recovery and retention jobs. */
    CLOCK
}
