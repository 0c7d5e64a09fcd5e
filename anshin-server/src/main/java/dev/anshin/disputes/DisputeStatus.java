package dev.anshin.disputes;

/**
 * Where a dispute case stands. The five phases (intake, investigating, decided, chargeback
 * filed, closed) are split where the next move differs: an investigation waits for the automatic
 * investigator, an analyst or the cardholder; a decision is fraud or genuine.
 */
public enum DisputeStatus {
    /** Reported by the cardholder, not yet picked up. */
    INTAKE(Phase.INTAKE),
    /** The automatic investigation gathers evidence and decides. */
    INVESTIGATING(Phase.INVESTIGATING),
    /** Unclear: in the analysts' queue, with a deadline. */
    ANALYST_REVIEW(Phase.INVESTIGATING),
    /** An analyst asked the cardholder a question and waits for the answer. */
    AWAITING_CARDHOLDER(Phase.INVESTIGATING),
    /** Likely genuine (a subscription, a family member, a known merchant under another name), explained. */
    DECIDED_GENUINE(Phase.DECIDED),
    /** Fraud: card blocked, replacement issued, provisional credit granted. */
    DECIDED_FRAUD(Phase.DECIDED),
    /** A chargeback was filed with the network and awaits the merchant's response. */
    CHARGEBACK_FILED(Phase.CHARGEBACK_FILED),
    /** The chargeback succeeded: the provisional credit stands, paid by the acquirer. */
    WON(Phase.CLOSED),
    /** The merchant defeated the chargeback (for example with compelling evidence). */
    LOST(Phase.CLOSED),
    /** The filing window or the network's response window passed. */
    EXPIRED(Phase.CLOSED),
    /** Fraud, but no chargeback: the issuer credits the cardholder for good (a chargeback could not win). */
    WRITTEN_OFF(Phase.CLOSED),
    /** The cardholder withdrew the report. */
    WITHDRAWN(Phase.CLOSED);

    /** The coarse phases shown to cardholders and drawn in the docs. */
    public enum Phase { INTAKE, INVESTIGATING, DECIDED, CHARGEBACK_FILED, CLOSED }

    private final Phase phase;

    DisputeStatus(Phase phase) {
        this.phase = phase;
    }

    public Phase phase() {
        return phase;
    }

    public boolean closed() {
        return phase == Phase.CLOSED;
    }
}
