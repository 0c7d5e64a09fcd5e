package dev.anshin.disputes;

/** Who may make a move on a dispute case. */
public enum Party {
    /** The cardholder, in the portal. */
    CARDHOLDER,
    /** Anshin's automatic investigation. */
    INVESTIGATOR,
    /** A fraud analyst or customer-service agent, in the case console. */
    ANALYST,
    /** The card network's dispute system (outcomes of filed chargebacks). */
    NETWORK,
    /** A deadline passing. */
    CLOCK
}
