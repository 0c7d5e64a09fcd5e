package dev.anshin.privacy;

/**
 * Why a request is not met (APPI Art. 33(2), 35): a code, never free text, so the request's record
 * cannot come to hold personal data.
 */
public enum RejectionReason {
    /** The person's identity could not be confirmed. */
    IDENTITY_NOT_VERIFIED,
    /** The data asked about is not held. */
    NOT_HELD,
    /** A law requires the issuer to keep the data (e.g. the Installment Sales Act's records). */
    RETENTION_REQUIRED_BY_LAW,
    /** Meeting it would seriously harm the person or others, or the issuer's business. */
    SERIOUS_HARM,
    /** The person withdrew the request. */
    WITHDRAWN_BY_PERSON
}
