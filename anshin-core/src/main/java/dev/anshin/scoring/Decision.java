package dev.anshin.scoring;

/** What Anshin tells the issuer to do with an authorization. */
public enum Decision {
    APPROVE,
    REVIEW,
    DECLINE
}
