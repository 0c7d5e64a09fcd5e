package dev.anshin.privacy;

/** Where a field comes from (the seed's 取得方法). */
public enum DataOrigin {
    /** Given by the person: the application form, the portal, a survey. */
    PERSON,
    /** Received from a partner that obtained the person's consent (points programs, co-brand partners). */
    PARTNER,
    /** Produced by the issuer from other data: usage history, credit decisions, device identifiers. */
    DERIVED
}
