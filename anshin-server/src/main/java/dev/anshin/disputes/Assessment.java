package dev.anshin.disputes;

/** What the automatic investigation concluded. */
public enum Assessment {
    /** The evidence points to fraud: block, replace, credit, charge back. */
    FRAUD,
    /** The evidence points to the cardholder's own or a known purchase: explained to them. */
    GENUINE,
    /** Neither: an analyst decides, before the review deadline. */
    UNCLEAR
}
