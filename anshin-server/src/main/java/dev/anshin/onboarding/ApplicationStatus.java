package dev.anshin.onboarding;

/**
 * Where an application stands. Business outcomes ({@link #DECLINED}, {@link #ABANDONED}) are kept apart
 * from a technical error ({@link #ERRORED}), which the recovery job retries.
 */
public enum ApplicationStatus {
    /** Being filled in by the applicant; the personal data typed so far is in the vault. */
    DRAFT,
    /** Complete and submitted (with the device observation); the identity check is next. */
    SUBMITTED,
    /** Waiting for the eKYC vendor's result. */
    IDENTITY_PENDING,
    /** The identity check concluded; the screening and the risk policy decide. */
    SCREENING,
    /** Staff decide (the review queue). */
    REFERRED,
    /** Approved; the card is being issued (a crash here is finished by the recovery job). */
    APPROVED,
    /** The card is issued, active, and the portal enrollment made. */
    ISSUED,
    /** Declined, with reasons. */
    DECLINED,
    /**
     * A draft left unfinished too long, or an open application whose applicant was erased: its personal
     * data was erased.
     */
    ABANDONED,
    /** A technical error in screening or issuance: retried by the recovery job. */
    ERRORED;

    /** Whether nothing more happens to an application in this status. */
    public boolean closed() {
        return this == ISSUED || this == DECLINED || this == ABANDONED;
    }

    /** The message key of the status's words ({@code i18n/onboarding}). */
    public String messageKey() {
        return "onboarding.status." + name();
    }
}
