package dev.anshin.ekyc;

/**
 * Why the policy concluded as it did. Codes are stable (stored, sent to onboarding); their words for
 * staff and, in plain language, for the applicant are {@code ekyc.reason.<CODE>.staff} and
 * {@code ekyc.reason.<CODE>.applicant} in {@code i18n/ekyc*.properties}.
 */
public enum EkycReason {
    /** Every check passed. */
    CHECKS_PASSED,
    /** ホ (image + face) after 2027-04-01 00:00 JST: abolished for non-face-to-face checks. */
    METHOD_NO_LONGER_ACCEPTED,
    DOCUMENT_EXPIRED,
    /** The vendor's spoof risk is at or above the failing threshold. */
    DOCUMENT_SPOOFED,
    /** The spoof risk is between the review and the failing thresholds. */
    DOCUMENT_SPOOF_SUSPECTED,
    /** A document the policy does not know: staff decide. */
    DOCUMENT_TYPE_NOT_LISTED,
    /** JPKI is the My Number Card's certificate: any other document is inconsistent. */
    DOCUMENT_NOT_MY_NUMBER_CARD,
    /** The document's text was read with low confidence. */
    DOCUMENT_UNCLEAR,
    FACE_MISMATCH,
    FACE_MATCH_UNCERTAIN,
    LIVENESS_FAILED,
    LIVENESS_UNCERTAIN,
    /** A method that compares faces reported no face or liveness score. */
    FACE_CHECK_MISSING,
    /** The applicant did not finish in time. */
    NOT_COMPLETED_IN_TIME,
    /** Staff decided after a review. */
    STAFF_DECISION,
    /** The vendor's own reviewer confirmed the identity (its final result after a review). */
    VENDOR_REVIEW_CONFIRMED,
    /** The vendor's own reviewer rejected the identity (its final result after a review). */
    VENDOR_REVIEW_REJECTED
}
