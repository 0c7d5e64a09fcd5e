package dev.anshin.ekyc;

/** Where a verification stands; the moves between them are {@link EkycTransitions}. */
public enum EkycStatus {
    /** Started at the vendor; the applicant has not finished, or the vendor has not reported. */
    STARTED,
    /** The vendor's result is in, not yet judged (only inside the transaction that judges it). */
    RESULT_RECEIVED,
    PASSED,
    FAILED,
    /** The policy could not decide: staff look at it. */
    REVIEW,
    /**
     * No result came within {@code anshin.ekyc.expire-after}. Not closed: a result the vendor completed
     * before the expiry but delivered after it is still taken in (and concludes it again).
     */
    EXPIRED;

    /** No move leaves this status. */
    public boolean closed() {
        return this == PASSED || this == FAILED;
    }
}
