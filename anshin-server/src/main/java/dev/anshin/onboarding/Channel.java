package dev.anshin.onboarding;

/** How an application came in. */
public enum Channel {
    /** The applicant's own browser on {@code /apply}, with Anshin's device collector on the page. */
    WEB,
    /** A partner's system through {@code POST /api/v1/applications} (API key, no collector of ours). */
    PARTNER
}
