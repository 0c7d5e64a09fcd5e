package dev.anshin.privacy;

/**
 * How a provider obtained the personal data it provides (取得の経緯, APPI Art. 30 and its rules): the
 * confirmation record says which, and the route decides what else it must say.
 */
public enum HowObtained {
    /** The person consented to the provision of their data to the issuer (Art. 27(1)). */
    CONSENT_OF_PERSON,
    /**
     * Provision by opt-out, notified to the Personal Information Protection Commission (Art. 27(2)): the
     * record carries the filing number the PPC published.
     */
    OPT_OUT_FILED,
    /** Joint use announced to the person (Art. 27(5)(iii)): the provider and the issuer use the data together. */
    JOINT_USE
}
