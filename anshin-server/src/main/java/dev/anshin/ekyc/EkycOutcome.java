package dev.anshin.ekyc;

/** What a verification concluded: what the application flow acts on. */
public enum EkycOutcome {
    PASSED,
    FAILED,
    /** Staff must look at it before the applicant counts as verified. */
    REVIEW,
    /** The applicant never finished (no result within the time allowed). */
    EXPIRED;

    EkycStatus status() {
        return EkycStatus.valueOf(name());
    }
}
