package dev.anshin.privacy;

/**
 * Why personal data is erased (APPI Art. 35 and the issuer's retention). A code, not free text, so a
 * tombstone, which is kept after the data is gone, cannot itself come to hold personal data.
 */
public enum ErasureReason {
    /** The person asked for deletion or for their use to stop. */
    PERSON_REQUESTED,
    /** The retention period after the contract ended has passed. */
    RETENTION_ENDED,
    /** The data is no longer needed for any purpose it was collected for. */
    NO_LONGER_NEEDED,
    /** The data was obtained or used unlawfully. */
    UNLAWFUL_PROCESSING
}
