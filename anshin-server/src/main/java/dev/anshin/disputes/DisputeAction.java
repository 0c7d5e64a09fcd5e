package dev.anshin.disputes;

/** What can happen to a dispute case; each is a row (or rows) of {@link DisputeTransitions}. */
public enum DisputeAction {
    /** The automatic investigation picks the case up. */
    INVESTIGATE,
    /** The evidence says fraud (automatically, or an analyst confirms it). */
    CONFIRM_FRAUD,
    /** The evidence says the charge is genuine (automatically, or an analyst rejects the report). */
    DECIDE_GENUINE,
    /** The evidence is unclear: to the analysts' queue. */
    REFER_TO_ANALYST,
    /** An analyst asks the cardholder a question. */
    ASK_CARDHOLDER,
    /** The cardholder answered (or the time to answer ran out). */
    CARDHOLDER_ANSWERED,
    /** The cardholder does not accept the "genuine" explanation: an analyst looks again. */
    CONTEST,
    /** The cardholder withdraws the report. */
    WITHDRAW,
    /** A chargeback is filed with the card network. */
    FILE_CHARGEBACK,
    /** A filed chargeback is taken back (the merchant refunded, or it was filed in error). */
    WITHDRAW_CHARGEBACK,
    /** The issuer credits the cardholder for good without a chargeback. */
    WRITE_OFF,
    /** The network's outcome: chargeback won. */
    CHARGEBACK_WON,
    /** The network's outcome: chargeback lost. */
    CHARGEBACK_LOST,
    /** A filing or response window passed. */
    EXPIRE
}
